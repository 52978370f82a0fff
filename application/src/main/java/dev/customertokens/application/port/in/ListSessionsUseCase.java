package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;

import java.util.List;

/** A customer's sessions, live and revoked, for support tools; a session holds no token. */
public interface ListSessionsUseCase {

    /**
     * Lists a customer's sessions.
     *
     * @param customer the customer's id
     * @return the customer's sessions in the order they began; empty when there is none (or no such customer)
     */
    List<Session> sessionsOf(CustomerId customer);
}
