package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerAccount;

import java.util.List;

/** Upserts customer accounts, as another system of record exports them. */
public interface ImportCustomersUseCase {

    /** @return how many accounts were written */
    int importAccounts(List<CustomerAccount> accounts);
}
