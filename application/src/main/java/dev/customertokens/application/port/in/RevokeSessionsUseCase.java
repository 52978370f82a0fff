package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.SessionId;

/** Ends sessions: every token of a revoked session stops working, for good. */
public interface RevokeSessionsUseCase {

    /** @return whether the session existed and was live until now */
    boolean revokeSession(SessionId session);

    /** @return how many live sessions of the customer were revoked */
    int revokeCustomerSessions(CustomerId customer);
}
