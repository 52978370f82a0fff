package dev.customertokens.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Every rule of CONTRACT section 2 (when a token can be refreshed, rotation, grace replay, idempotent
 * retry, reuse, a rotation the store lost, idle timeout, bounded grace replays) in one place, as pure
 * functions of the session, the presented claims and the time.
 *
 * @param ttl          lifetime of one token ({@code exp - nbf})
 * @param refreshTtl   absolute lifetime of a session, counted from its login ({@code iat})
 * @param grace        how long after its rotation the previous token still yields its successor; zero disables
 * @param leeway       how far in the future {@code nbf} and {@code iat} may lie, for clock skew between nodes
 * @param idleTimeout  how long a session may go without a rotation before it is revoked; zero turns it off
 * @param graceReplays how many times the previous token may get its successor within the grace period;
 *                     zero means unbounded
 */
public record RotationPolicy(Duration ttl, Duration refreshTtl, Duration grace, Duration leeway, Duration idleTimeout,
                             int graceReplays) {

    /** The default token lifetime in minutes, the seed's {@code ttl}. */
    public static final long DEFAULT_TTL_MINUTES = 1440;
    /** The default session lifetime in minutes, the seed's {@code refresh_ttl}. */
    public static final long DEFAULT_REFRESH_TTL_MINUTES = 2_628_000;
    /** {@link #DEFAULT_TTL_MINUTES} as a duration. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(DEFAULT_TTL_MINUTES);
    /** {@link #DEFAULT_REFRESH_TTL_MINUTES} as a duration. */
    public static final Duration DEFAULT_REFRESH_TTL = Duration.ofMinutes(DEFAULT_REFRESH_TTL_MINUTES);
    /** The default grace period (CONTRACT 2.3). */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** The default clock leeway (CONTRACT 2.2). */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);

    /**
     * Checks the settings.
     *
     * @param ttl          lifetime of one token, a positive whole number of minutes
     * @param refreshTtl   absolute lifetime of a session, a positive whole number of minutes
     * @param grace        the grace period, zero or positive
     * @param leeway       the clock leeway, zero or positive
     * @param idleTimeout  the idle timeout, zero (off) or positive
     * @param graceReplays the bound on grace replays per rotation, zero (unbounded) or positive
     * @throws NullPointerException     if a duration is null
     * @throws IllegalArgumentException if a setting is out of its range
     */
    public RotationPolicy {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(refreshTtl, "refreshTtl");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(leeway, "leeway");
        if (ttl.isNegative() || ttl.isZero() || ttl.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("ttl must be a positive number of minutes");
        }
        if (refreshTtl.isNegative() || refreshTtl.isZero() || refreshTtl.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("refresh ttl must be a positive number of minutes");
        }
        if (grace.isNegative() || leeway.isNegative()) {
            throw new IllegalArgumentException("grace and leeway must not be negative");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("the idle timeout must not be negative");
        }
        if (graceReplays < 0) {
            throw new IllegalArgumentException("grace replays must not be negative");
        }
    }

    /**
     * Without an idle timeout and with unbounded grace replays, as the seed's system.
     *
     * @param ttl        lifetime of one token, a positive whole number of minutes
     * @param refreshTtl absolute lifetime of a session, a positive whole number of minutes
     * @param grace      the grace period, zero or positive
     * @param leeway     the clock leeway, zero or positive
     * @throws NullPointerException     if a duration is null
     * @throws IllegalArgumentException if a setting is out of its range
     */
    public RotationPolicy(Duration ttl, Duration refreshTtl, Duration grace, Duration leeway) {
        this(ttl, refreshTtl, grace, leeway, Duration.ZERO, 0);
    }

    /**
     * The seed's system: the default lifetimes, grace and leeway, no idle timeout, unbounded grace replays.
     *
     * @return the default policy
     */
    public static RotationPolicy defaults() {
        return new RotationPolicy(DEFAULT_TTL, DEFAULT_REFRESH_TTL, DEFAULT_GRACE, DEFAULT_LEEWAY);
    }

    /**
     * The token lifetime as the refresh answer's {@code token.ttl} gives it.
     *
     * @return the lifetime of one token, in minutes
     */
    public long ttlMinutes() {
        return ttl.toMinutes();
    }

    /**
     * The session lifetime as the refresh answer's {@code token.refresh_ttl} gives it.
     *
     * @return the absolute lifetime of a session, in minutes
     */
    public long refreshTtlMinutes() {
        return refreshTtl.toMinutes();
    }

    /**
     * The time rules of a token, checked before any session is looked at (CONTRACT 1.2 step 4). An expired
     * token is fine here: it may be refreshed until the session's absolute lifetime ends.
     *
     * @param claims the presented token's claims
     * @param now    the server's time
     * @return {@code TOKEN_NOT_YET_VALID} or {@code TOKEN_REFRESH_EXPIRED}, or empty when the times are fine
     */
    public Optional<Refusal> checkTokenTimes(TokenClaims claims, Instant now) {
        Instant latestAcceptable = now.plus(leeway);
        if (Instant.ofEpochSecond(claims.nbf()).isAfter(latestAcceptable)
                || Instant.ofEpochSecond(claims.iat()).isAfter(latestAcceptable)) {
            return Optional.of(Refusal.TOKEN_NOT_YET_VALID);
        }
        if (!now.isBefore(refreshWindowEnd(claims))) {
            return Optional.of(Refusal.TOKEN_REFRESH_EXPIRED);
        }
        return Optional.empty();
    }

    /**
     * The first instant at which the session of {@code claims} can no longer be refreshed.
     *
     * @param claims a token's claims
     * @return its {@code iat} plus the refresh lifetime
     */
    public Instant refreshWindowEnd(TokenClaims claims) {
        return Instant.ofEpochSecond(claims.iat()).plus(refreshTtl);
    }

    /**
     * Decides what a presented token gets from its session (CONTRACT 1.2 step 6, 2.3 and 2.6).
     *
     * @param session   the session named by the token's {@code session_id}, or null when there is none
     * @param claims    the presented token's claims, its signature and times already checked
     * @param requestId the {@code X-Request-ID} of the presenting request
     * @param now       the server's time
     * @return what the token gets; never null
     */
    public RefreshDecision decide(Session session, TokenClaims claims, RequestId requestId, Instant now) {
        if (session == null
                || !session.customerId().value().equals(claims.sub())
                || session.applicationId().value() != claims.applicationId()
                || session.startedAt().getEpochSecond() != claims.iat()
                || !Objects.equals(session.dpopJkt(), claims.cnfJkt())) {
            return new RefreshDecision.Refuse(Refusal.SESSION_INVALID);
        }
        if (session.isRevoked()) {
            return new RefreshDecision.Refuse(Refusal.SESSION_REVOKED);
        }
        if (isIdle(session, now)) {
            return new RefreshDecision.Refuse(Refusal.SESSION_IDLE_EXPIRED);
        }
        if (session.currentJti().equals(claims.jti())) {
            return new RefreshDecision.Rotate();
        }
        if (claims.jti().equals(session.previousJti())) {
            if (isRetryOfRotation(session, requestId)) {
                return new RefreshDecision.Replay();
            }
            if (withinGrace(session, now) && !graceReplaysSpent(session)) {
                return new RefreshDecision.Replay(graceReplays > 0);
            }
        } else if (issuedAfterCurrent(session, claims)) {
            // validly signed for this session and newer than anything it knows: the store lost rotations
            return new RefreshDecision.FastForward();
        }
        // Validly signed for this session, yet neither current nor the privileged previous one: someone
        // holds a token that was already rotated away, which is how a stolen token shows itself.
        return new RefreshDecision.Refuse(Refusal.TOKEN_REUSED);
    }

    /** Only rotations count as activity: a replay or a retry does not keep a session alive. */
    private boolean isIdle(Session session, Instant now) {
        if (idleTimeout.isZero()) {
            return false;
        }
        Instant lastActivity = currentTokenIssuedAt(session);
        return now.isAfter(lastActivity.plus(idleTimeout));
    }

    private boolean graceReplaysSpent(Session session) {
        return graceReplays > 0 && session.graceReplays() >= graceReplays;
    }

    /** When the session's current token was issued: its last rotation, or its start. */
    private static Instant currentTokenIssuedAt(Session session) {
        return session.rotatedAt() != null ? session.rotatedAt() : session.startedAt();
    }

    /**
     * Whether the token was issued after the session's current token: to the millisecond where its id carries
     * its issue time (and agrees with its {@code nbf}), else by whole seconds, where a token of the same second
     * cannot be ordered and stays reuse rather than risk reviving a stolen one.
     */
    private static boolean issuedAfterCurrent(Session session, TokenClaims claims) {
        Instant currentIssued = currentTokenIssuedAt(session);
        Optional<Instant> issued = TokenIds.issuedAt(claims.jti())
                .filter(instant -> instant.getEpochSecond() == claims.nbf());
        if (issued.isPresent()) {
            return issued.get().isAfter(currentIssued);
        }
        return claims.nbf() > currentIssued.getEpochSecond();
    }

    private boolean withinGrace(Session session, Instant now) {
        if (grace.isZero()) {
            return false;
        }
        return !now.isAfter(session.rotatedAt().plus(grace));
    }

    /** The client lost the answer to the rotation and retries it: same request, and its successor still current. */
    private static boolean isRetryOfRotation(Session session, RequestId requestId) {
        return requestId != null && requestId.value().equals(session.rotationRequestId());
    }

    /**
     * The claims of the token that succeeds {@code presented}: same family and login time, a new id and lifetime.
     *
     * @param presented the presented token's claims
     * @param issuer    the {@code iss} of a refreshed token
     * @param newJti    the successor's {@code jti}
     * @param now       the time of the rotation, which becomes the successor's {@code nbf}
     * @return the successor's claims, bound to the same key as {@code presented}
     */
    public TokenClaims successorClaims(TokenClaims presented, String issuer, String newJti, Instant now) {
        long issuedAt = now.getEpochSecond();
        return new TokenClaims(issuer, presented.iat(), issuedAt, issuedAt + ttl.toSeconds(), newJti,
                presented.sub(), presented.prv(), presented.applicationId(), presented.sessionId(), presented.cnfJkt());
    }

    /**
     * The claims of the token that is current in a rotated {@code session}, exactly as
     * {@link #successorClaims} made them when it rotated: a replay signs them again instead of storing
     * the token. Signatures are deterministic, so the replayed token is byte-identical as long as the
     * issuer, the lifetime and the signing key are configured as they were at the rotation.
     *
     * @param session   the session, rotated at least once
     * @param presented the presented token's claims (the previous token's)
     * @param issuer    the {@code iss} of a refreshed token
     * @return the claims of the session's current token
     * @throws IllegalArgumentException if the session was never rotated
     */
    public TokenClaims currentClaims(Session session, TokenClaims presented, String issuer) {
        if (session.rotatedAt() == null) {
            throw new IllegalArgumentException("session " + session.id() + " was never rotated");
        }
        return successorClaims(presented, issuer, session.currentJti(), session.rotatedAt());
    }

    /**
     * The claims of the token that begins a session at a login, bound to no key.
     *
     * @param issuer      the {@code iss} of a token that begins a session
     * @param jti         the token's {@code jti}
     * @param customer    the customer who logged in
     * @param subjectHash the {@code prv} of customer tokens
     * @param application the application logged in through
     * @param session     the session begun
     * @param now         the login time, the token's {@code iat} and {@code nbf}
     * @return the first token's claims
     */
    public TokenClaims firstClaims(String issuer, String jti, CustomerId customer, String subjectHash,
                                   ApplicationId application, SessionId session, Instant now) {
        return firstClaims(issuer, jti, customer, subjectHash, application, session, now, null);
    }

    /**
     * The claims of the token that begins a session at a login, bound to {@code jkt} (null: no key).
     *
     * @param issuer      the {@code iss} of a token that begins a session
     * @param jti         the token's {@code jti}
     * @param customer    the customer who logged in
     * @param subjectHash the {@code prv} of customer tokens
     * @param application the application logged in through
     * @param session     the session begun
     * @param now         the login time, the token's {@code iat} and {@code nbf}
     * @param jkt         the client key the session is bound to, or null
     * @return the first token's claims, with {@code cnf} when {@code jkt} is given
     */
    public TokenClaims firstClaims(String issuer, String jti, CustomerId customer, String subjectHash,
                                   ApplicationId application, SessionId session, Instant now, KeyThumbprint jkt) {
        long issuedAt = now.getEpochSecond();
        return new TokenClaims(issuer, issuedAt, issuedAt, issuedAt + ttl.toSeconds(), jti,
                customer.value(), subjectHash, application.value(), session.value(), jkt);
    }
}
