package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerId;

/** Deletes a customer account; its sessions stay, so that their tokens learn the account is gone (404). */
public interface DeleteCustomerUseCase {

    /** @return whether an account was deleted */
    boolean delete(CustomerId customer);
}
