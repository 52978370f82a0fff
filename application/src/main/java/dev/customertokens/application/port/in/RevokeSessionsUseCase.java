package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.SessionId;

/** Ends sessions: every token of a revoked session stops working, for good. */
public interface RevokeSessionsUseCase {

    /** @return whether the session existed and was live until now */
    default boolean revokeSession(SessionId session) {
        return revoke(session) == SessionRevocation.REVOKED;
    }

    /** Revokes one session, telling an unknown session from one revoked before. */
    SessionRevocation revoke(SessionId session);

    /** @return how many live sessions of the customer were revoked */
    int revokeCustomerSessions(CustomerId customer);
}
