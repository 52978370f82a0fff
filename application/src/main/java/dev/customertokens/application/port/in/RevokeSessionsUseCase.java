package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.SessionId;

/** Ends sessions: every token of a revoked session stops working, for good. */
public interface RevokeSessionsUseCase {

    /**
     * Revokes one session, as {@link #revoke} does, without telling why nothing changed.
     *
     * @param session the session's id
     * @return whether the session existed and was live until now
     */
    default boolean revokeSession(SessionId session) {
        return revoke(session) == SessionRevocation.REVOKED;
    }

    /**
     * Revokes one session, telling an unknown session from one revoked before.
     *
     * @param session the session's id
     * @return what the call did
     */
    SessionRevocation revoke(SessionId session);

    /**
     * Revokes every live session of a customer ("log out everywhere").
     *
     * @param customer the customer's id
     * @return how many live sessions of the customer were revoked
     */
    int revokeCustomerSessions(CustomerId customer);
}
