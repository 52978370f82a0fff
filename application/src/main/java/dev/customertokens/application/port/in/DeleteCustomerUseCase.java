package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerId;

/** Deletes a customer account; its sessions stay, so that their tokens learn the account is gone (404). */
public interface DeleteCustomerUseCase {

    /**
     * Deletes the account, leaving its sessions: a token of one answers 404 {@code customer_not_found}.
     *
     * @param customer the account's id
     * @return whether an account was deleted (false when there was none)
     */
    boolean delete(CustomerId customer);
}
