package dev.customertokens.application.service;

import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.SessionId;

import java.time.Clock;
import java.util.Objects;

public final class RevokeSessionsService implements RevokeSessionsUseCase {

    private final Sessions sessions;
    private final Clock clock;

    public RevokeSessionsService(Sessions sessions, Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean revokeSession(SessionId session) {
        return sessions.revoke(session, clock.instant(), RevocationReason.OPERATOR);
    }

    @Override
    public int revokeCustomerSessions(CustomerId customer) {
        return sessions.revokeAllOf(customer, clock.instant(), RevocationReason.OPERATOR);
    }
}
