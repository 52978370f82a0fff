package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerAccount;

import java.util.List;

/** Upserts customer accounts, as another system of record exports them. */
public interface ImportCustomersUseCase {

    /**
     * Adds each account, or replaces the one with the same id, one after the other: when one fails, the
     * accounts before it stay written. A session's next refresh returns the account as written.
     *
     * @param accounts the accounts, in the order they are written
     * @return how many accounts were written
     */
    int importAccounts(List<CustomerAccount> accounts);
}
