package dev.customertokens.application.service;

import dev.customertokens.application.port.in.DeleteCustomerUseCase;
import dev.customertokens.application.port.in.ImportCustomersUseCase;
import dev.customertokens.application.port.in.RegisterApplicationUseCase;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

import java.util.List;
import java.util.Objects;

/** The operator's writes behind the command line: applications and customer accounts. */
public final class AdministrationService implements RegisterApplicationUseCase, ImportCustomersUseCase, DeleteCustomerUseCase {

    private final Applications applications;
    private final CustomerAccounts customerAccounts;

    /**
     * Writes through the given stores.
     *
     * @param applications     the applications' store, not null
     * @param customerAccounts the customer accounts' store, not null
     * @throws NullPointerException if a store is null
     */
    public AdministrationService(Applications applications, CustomerAccounts customerAccounts) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.customerAccounts = Objects.requireNonNull(customerAccounts, "customerAccounts");
    }

    @Override
    public void register(Application application) {
        applications.save(application);
    }

    @Override
    public int importAccounts(List<CustomerAccount> accounts) {
        accounts.forEach(customerAccounts::save);
        return accounts.size();
    }

    @Override
    public boolean delete(CustomerId customer) {
        return customerAccounts.delete(customer);
    }
}
