package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerAccount;

import java.util.List;

/** Upserts customer accounts, as another system of record exports them. */
public interface ImportCustomersUseCase {

    /**
     * Adds each account, or replaces the one with the same id, in order (for an id given twice, the later one
     * stays), in one write where the store can: when it fails, none of this call's accounts may be written, and
     * the accounts of earlier calls stay. A session's next refresh returns the account as written.
     *
     * @param accounts the accounts, in the order they are written
     * @return how many accounts were written
     */
    int importAccounts(List<CustomerAccount> accounts);
}
