package dev.customertokens.application.port.out;

import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.Session;

import java.util.Objects;
import java.util.Optional;

/**
 * What a refresh reads, in one round trip: the session and, fresh, the account of its customer.
 *
 * @param session  the session
 * @param customer the account of the session's customer, or null when it was deleted (its sessions stay)
 */
public record SessionWithCustomer(Session session, CustomerAccount customer) {

    /**
     * Checks that the account, when given, is the session's customer's.
     *
     * @param session  the session, not null
     * @param customer the account of the session's customer, or null
     * @throws NullPointerException     if {@code session} is null
     * @throws IllegalArgumentException if {@code customer} is the account of another customer
     */
    public SessionWithCustomer {
        Objects.requireNonNull(session, "session");
        if (customer != null && !customer.id().equals(session.customerId())) {
            throw new IllegalArgumentException("account " + customer.id() + " is not the customer of session " + session.id());
        }
    }

    /**
     * The account, for a caller that must tell a deleted customer ({@code customer_not_found}) apart.
     *
     * @return the account, or empty when it was deleted
     */
    public Optional<CustomerAccount> account() {
        return Optional.ofNullable(customer);
    }
}
