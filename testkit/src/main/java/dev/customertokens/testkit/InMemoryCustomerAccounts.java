package dev.customertokens.testkit;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The customer accounts port in memory, for tests and for services that embed the library without a database. */
public final class InMemoryCustomerAccounts implements CustomerAccounts {

    private final ConcurrentMap<CustomerId, CustomerAccount> byId = new ConcurrentHashMap<>();

    @Override
    public Optional<CustomerAccount> find(CustomerId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public void save(CustomerAccount account) {
        byId.put(account.id(), account);
    }

    @Override
    public boolean delete(CustomerId id) {
        return byId.remove(id) != null;
    }
}
