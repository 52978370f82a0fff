package dev.customertokens.application.service;

import dev.customertokens.application.port.in.ListSessionsUseCase;
import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.in.SessionRevocation;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Ends sessions (an operator, a support tool, "log out everywhere") and lists them. */
public final class RevokeSessionsService implements RevokeSessionsUseCase, ListSessionsUseCase {

    private final Sessions sessions;
    private final Clock clock;
    private final AuditEvents audit;

    /**
     * A service that reports no audit events.
     *
     * @param sessions the sessions' store, not null
     * @param clock    the time of a revocation, not null
     * @throws NullPointerException if an argument is null
     */
    public RevokeSessionsService(Sessions sessions, Clock clock) {
        this(sessions, clock, AuditEvents.NONE);
    }

    /**
     * A service that reports {@code session_revoked} for every revocation that revoked anything. Every
     * revocation it makes has the reason {@code OPERATOR}.
     *
     * @param sessions the sessions' store, not null
     * @param clock    the time of a revocation, not null
     * @param audit    where the events go, not null
     * @throws NullPointerException if an argument is null
     */
    public RevokeSessionsService(Sessions sessions, Clock clock, AuditEvents audit) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public SessionRevocation revoke(SessionId session) {
        Instant now = clock.instant();
        if (sessions.revoke(session, now, RevocationReason.OPERATOR)) {
            audit.record(new AuditEvent(AuditEvent.Type.SESSION_REVOKED, now, session, null, null, null, "operator", 1));
            return SessionRevocation.REVOKED;
        }
        return sessions.find(session).isPresent() ? SessionRevocation.ALREADY_REVOKED : SessionRevocation.NOT_FOUND;
    }

    @Override
    public List<Session> sessionsOf(CustomerId customer) {
        return sessions.listOf(customer);
    }

    @Override
    public int revokeCustomerSessions(CustomerId customer) {
        Instant now = clock.instant();
        int revoked = sessions.revokeAllOf(customer, now, RevocationReason.OPERATOR);
        if (revoked > 0) {
            audit.record(new AuditEvent(AuditEvent.Type.SESSION_REVOKED, now, null, customer, null, null, "operator", revoked));
        }
        return revoked;
    }
}
