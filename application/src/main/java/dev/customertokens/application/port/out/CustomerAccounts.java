package dev.customertokens.application.port.out;

import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

import java.util.Optional;

/** The customer accounts, read fresh at every refresh. */
public interface CustomerAccounts {

    Optional<CustomerAccount> find(CustomerId id);

    /** Adds the account, or replaces the one with the same id. */
    void save(CustomerAccount account);

    /** @return whether an account was deleted */
    boolean delete(CustomerId id);
}
