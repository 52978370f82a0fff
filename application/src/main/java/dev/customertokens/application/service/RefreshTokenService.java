package dev.customertokens.application.service;

import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.TokenCodec;
import dev.customertokens.application.port.out.TokenIdGenerator;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RefreshDecision;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.domain.TokenClaims;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Loads, asks the rotation rules, stores, signs: in the order of checks of CONTRACT 1.2. */
public final class RefreshTokenService implements RefreshTokenUseCase {

    /**
     * A lost compare-and-set means another request rotated the same token first; the next decision then
     * sees that rotation and replays or refuses. More losses in a row than this would mean the rules
     * and the store disagree, which must not loop forever.
     */
    private static final int MAX_ROTATION_ATTEMPTS = 4;

    private final Applications applications;
    private final Sessions sessions;
    private final TokenCodec codec;
    private final TokenIdGenerator tokenIds;
    private final Clock clock;
    private final TokenSettings settings;
    private final RotationPolicy policy;
    private final AuditEvents audit;
    private final DpopProofCheck dpop;

    /**
     * A service without DPoP that reports no audit events.
     *
     * @param applications the applications' store, not null
     * @param sessions     the sessions' store, not null
     * @param codec        verifies the presented token and signs its successor, not null
     * @param tokenIds     makes the successor's {@code jti}, not null
     * @param clock        the time of the refresh, not null
     * @param settings     the issuer, subject hash and rotation rules, not null
     * @throws NullPointerException if an argument is null
     */
    public RefreshTokenService(Applications applications, Sessions sessions,
                               TokenCodec codec, TokenIdGenerator tokenIds, Clock clock, TokenSettings settings) {
        this(applications, sessions, codec, tokenIds, clock, settings, AuditEvents.NONE);
    }

    /**
     * Without DPoP: tokens without a proof work as ever, and any proof is refused.
     *
     * @param applications the applications' store, not null
     * @param sessions     the sessions' store, not null
     * @param codec        verifies the presented token and signs its successor, not null
     * @param tokenIds     makes the successor's {@code jti}, not null
     * @param clock        the time of the refresh, not null
     * @param settings     the issuer, subject hash and rotation rules, not null
     * @param audit        where every refresh outcome is reported, not null
     * @throws NullPointerException if an argument is null
     */
    public RefreshTokenService(Applications applications, Sessions sessions,
                               TokenCodec codec, TokenIdGenerator tokenIds, Clock clock, TokenSettings settings,
                               AuditEvents audit) {
        this(applications, sessions, codec, tokenIds, clock, settings, audit, DpopProofCheck.unsupported());
    }

    /**
     * A service that checks DPoP proofs with {@code dpop} (CONTRACT 2.7).
     *
     * @param applications the applications' store, not null
     * @param sessions     the sessions' store, not null
     * @param codec        verifies the presented token and signs its successor, not null
     * @param tokenIds     makes the successor's {@code jti}, not null
     * @param clock        the time of the refresh, not null
     * @param settings     the issuer, subject hash and rotation rules, not null
     * @param audit        where every refresh outcome is reported, not null
     * @param dpop         the proof check of step 4a, not null
     * @throws NullPointerException if an argument is null
     */
    public RefreshTokenService(Applications applications, Sessions sessions,
                               TokenCodec codec, TokenIdGenerator tokenIds, Clock clock, TokenSettings settings,
                               AuditEvents audit, DpopProofCheck dpop) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.dpop = Objects.requireNonNull(dpop, "dpop");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.tokenIds = Objects.requireNonNull(tokenIds, "tokenIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = settings.policy();
    }

    @Override
    public TokenGrant refresh(RefreshTokenCommand command) {
        Instant now = clock.instant();
        AuditContext known = new AuditContext();
        try {
            return refresh(command, now, known);
        } catch (TokenRefusedException refused) {
            audit.record(new AuditEvent(AuditEvent.Type.REFRESH_REFUSED, now, known.session, known.customer,
                    known.application, command.requestId(), refused.refusal().name().toLowerCase(Locale.ROOT), 1));
            throw refused;
        }
    }

    /** What the audit events of one refresh can name, filled in as the refresh learns it. */
    private static final class AuditContext {
        SessionId session;
        CustomerId customer;
        ApplicationId application;
    }

    private TokenGrant refresh(RefreshTokenCommand command, Instant now, AuditContext known) {
        Application application = applications.findByKey(command.applicationKey())
                .filter(Application::enabled)
                .orElseThrow(() -> new TokenRefusedException(Refusal.APPLICATION_UNKNOWN));
        TokenClaims claims = verify(command.bearerToken());
        Optional<Refusal> timeRefusal = policy.checkTokenTimes(claims, now);
        if (timeRefusal.isPresent()) {
            throw new TokenRefusedException(timeRefusal.get());
        }
        dpop.check(command, claims, now);
        if (claims.applicationId() != application.id().value()) {
            throw new TokenRefusedException(Refusal.APPLICATION_MISMATCH);
        }
        if (claims.sessionId() <= 0 || !CustomerId.isValid(claims.sub())) {
            // no session can have such an id or belong to such a customer
            throw new TokenRefusedException(Refusal.SESSION_INVALID);
        }
        SessionId sessionId = SessionId.of(claims.sessionId());
        CustomerId customerId = CustomerId.of(claims.sub());
        known.session = sessionId;
        known.application = application.id();

        for (int attempt = 0; attempt < MAX_ROTATION_ATTEMPTS; attempt++) {
            Optional<SessionWithCustomer> found = sessions.findWithCustomer(sessionId, customerId);
            Session session = found.map(SessionWithCustomer::session).orElse(null);
            RefreshDecision decision = policy.decide(session, claims, command.requestId(), now);
            if (session != null) {
                known.customer = session.customerId();
            }
            if (decision instanceof RefreshDecision.Refuse refuse) {
                refuse.revocation().ifPresent(reason -> revoke(sessionId, customerId, reason, now, command, known));
                throw new TokenRefusedException(refuse.refusal());
            }
            CustomerAccount account = active(found.get().account());
            if (decision instanceof RefreshDecision.Replay replay) {
                if (replay.counted() && !sessions.countGraceReplay(sessionId, customerId, session.currentJti(),
                        policy.graceReplays())) {
                    continue; // rotated or replayed meanwhile: decide again on what the store holds now
                }
                // the racing request that rotated may still be waiting for its write to be durable
                sessions.awaitDurable();
                audit.record(new AuditEvent(AuditEvent.Type.TOKEN_REPLAYED, now, sessionId, account.id(),
                        known.application, command.requestId(), null, 1));
                String successor = codec.sign(policy.currentClaims(session, claims, settings.refreshIssuer()));
                return new TokenGrant(account, successor, policy.ttlMinutes(), policy.refreshTtlMinutes(), true);
            }
            String newJti = tokenIds.newTokenId(now);
            String device = command.deviceUuid() == null ? null : command.deviceUuid().value();
            Rotation rotation = new Rotation(sessionId, customerId, session.currentJti(), newJti, now,
                    command.requestId(), device, claims.jti());
            if (sessions.rotate(rotation)) {
                AuditEvent.Type type = rotation.fastForwards() ? AuditEvent.Type.SESSION_FAST_FORWARDED
                        : AuditEvent.Type.TOKEN_ROTATED;
                audit.record(new AuditEvent(type, now, sessionId, account.id(), known.application,
                        command.requestId(), null, 1));
                return grant(account, codec.sign(policy.successorClaims(claims, settings.refreshIssuer(), newJti, now)));
            }
        }
        throw new IllegalStateException("session " + sessionId + " kept changing under " + MAX_ROTATION_ATTEMPTS + " rotation attempts");
    }

    /** Revokes the session before its refusal is answered: reuse detected, or the idle timeout passed. */
    private void revoke(SessionId sessionId, CustomerId customerId, RevocationReason reason, Instant now,
                        RefreshTokenCommand command, AuditContext known) {
        boolean revoked = sessions.revoke(customerId, sessionId, now, reason);
        AuditEvent.Type type = reason == RevocationReason.REUSE_DETECTED ? AuditEvent.Type.REUSE_DETECTED
                : AuditEvent.Type.SESSION_REVOKED;
        String reasonName = type == AuditEvent.Type.REUSE_DETECTED ? null : reason.name().toLowerCase(Locale.ROOT);
        audit.record(new AuditEvent(type, now, sessionId, known.customer, known.application, command.requestId(),
                reasonName, revoked ? 1 : 0));
    }

    private TokenClaims verify(String token) {
        try {
            return codec.verify(token);
        } catch (InvalidTokenException e) {
            throw new TokenRefusedException(Refusal.TOKEN_INVALID);
        }
    }

    private static CustomerAccount active(Optional<CustomerAccount> found) {
        CustomerAccount account = found.orElseThrow(() -> new TokenRefusedException(Refusal.CUSTOMER_NOT_FOUND));
        if (!account.isActive()) {
            throw new TokenRefusedException(Refusal.CUSTOMER_INACTIVE);
        }
        return account;
    }

    private TokenGrant grant(CustomerAccount account, String token) {
        return new TokenGrant(account, token, policy.ttlMinutes(), policy.refreshTtlMinutes());
    }
}
