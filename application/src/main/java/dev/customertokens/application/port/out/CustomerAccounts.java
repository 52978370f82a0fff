package dev.customertokens.application.port.out;

import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

import java.util.Optional;

/** The customer accounts, read fresh at every refresh. */
public interface CustomerAccounts {

    /**
     * The account as stored now: never from a cache, so that a changed account shows at the next refresh.
     *
     * @param id the account's id
     * @return the account, or empty when there is none
     */
    Optional<CustomerAccount> find(CustomerId id);

    /**
     * Adds the account, or replaces the one with the same id.
     *
     * @param account the account as it should be stored, its demographics kept as the text they are
     */
    void save(CustomerAccount account);

    /**
     * Deletes the account; the customer's sessions stay.
     *
     * @param id the account's id
     * @return whether an account was deleted
     */
    boolean delete(CustomerId id);
}
