package dev.customertokens.application.port.out;

import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.Session;

import java.util.Objects;
import java.util.Optional;

/**
 * What a refresh reads, in one round trip: the session and, fresh, the account of its customer.
 *
 * @param customer null when the customer account was deleted (its sessions stay)
 */
public record SessionWithCustomer(Session session, CustomerAccount customer) {

    public SessionWithCustomer {
        Objects.requireNonNull(session, "session");
        if (customer != null && !customer.id().equals(session.customerId())) {
            throw new IllegalArgumentException("account " + customer.id() + " is not the customer of session " + session.id());
        }
    }

    public Optional<CustomerAccount> account() {
        return Optional.ofNullable(customer);
    }
}
