package dev.customertokens.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A session: the family of tokens that descends from one login. It remembers only what the rotation
 * rules need: the id of the current token, the one before it, when and by which request that rotation
 * happened, how often the previous token was replayed since, whether the family was revoked, and the key
 * it is bound to, if any. It never holds a token: a replayed successor is signed again from these facts.
 *
 * @param id                the session's id, its tokens' {@code session_id}
 * @param customerId        the customer who logged in
 * @param applicationId     the application logged in through
 * @param deviceUuid        the device last reported ({@code Device-UUID}), or null
 * @param startedAt         the login, its tokens' {@code iat}
 * @param currentJti        the {@code jti} of the current token
 * @param previousJti       the {@code jti} of the token rotated last, or null before the first rotation
 * @param rotatedAt         when the last rotation happened, or null before the first
 * @param rotationRequestId the {@code X-Request-ID} of the last rotation, or null before the first
 * @param rotations         how many rotations the session has had
 * @param graceReplays      how many grace replays of the previous token were counted since the last rotation
 * @param revokedAt         when it was revoked, or null while it is not
 * @param revocationReason  why it was revoked, or null while it is not
 * @param dpopJkt           the RFC 7638 thumbprint of the client key the session is bound to (CONTRACT 2.7), or null
 */
public record Session(
        SessionId id,
        CustomerId customerId,
        ApplicationId applicationId,
        String deviceUuid,
        Instant startedAt,
        String currentJti,
        String previousJti,
        Instant rotatedAt,
        String rotationRequestId,
        long rotations,
        int graceReplays,
        Instant revokedAt,
        RevocationReason revocationReason,
        KeyThumbprint dpopJkt) {

    /**
     * Checks the components and that the ones that go together are given together.
     *
     * @param id                the session's id, not null
     * @param customerId        the customer, not null
     * @param applicationId     the application, not null
     * @param deviceUuid        the device, or null
     * @param startedAt         the login, not null
     * @param currentJti        the current token's {@code jti}, not null
     * @param previousJti       the previous token's {@code jti}; null exactly when {@code rotatedAt} is
     * @param rotatedAt         the last rotation; null exactly when {@code previousJti} is
     * @param rotationRequestId the last rotation's {@code X-Request-ID}, or null
     * @param rotations         how many rotations
     * @param graceReplays      grace replays counted since the last rotation, not negative
     * @param revokedAt         the revocation; null exactly when {@code revocationReason} is
     * @param revocationReason  why revoked; null exactly when {@code revokedAt} is
     * @param dpopJkt           the bound key, or null
     * @throws NullPointerException     if a component that may not be null is
     * @throws IllegalArgumentException if one of a pair is given without the other, or {@code graceReplays} is
     *                                  negative
     */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(currentJti, "currentJti");
        if ((previousJti == null) != (rotatedAt == null)) {
            throw new IllegalArgumentException("previousJti and rotatedAt go together");
        }
        if ((revokedAt == null) != (revocationReason == null)) {
            throw new IllegalArgumentException("revokedAt and revocationReason go together");
        }
        if (graceReplays < 0) {
            throw new IllegalArgumentException("graceReplays must not be negative");
        }
    }

    /**
     * A session bound to no key, with no grace replay counted.
     *
     * @param id                the session's id, not null
     * @param customerId        the customer, not null
     * @param applicationId     the application, not null
     * @param deviceUuid        the device, or null
     * @param startedAt         the login, not null
     * @param currentJti        the current token's {@code jti}, not null
     * @param previousJti       the previous token's {@code jti}; null exactly when {@code rotatedAt} is
     * @param rotatedAt         the last rotation; null exactly when {@code previousJti} is
     * @param rotationRequestId the last rotation's {@code X-Request-ID}, or null
     * @param rotations         how many rotations
     * @param revokedAt         the revocation; null exactly when {@code revocationReason} is
     * @param revocationReason  why revoked; null exactly when {@code revokedAt} is
     * @throws NullPointerException     if a component that may not be null is
     * @throws IllegalArgumentException if one of a pair is given without the other
     */
    public Session(SessionId id, CustomerId customerId, ApplicationId applicationId, String deviceUuid,
                   Instant startedAt, String currentJti, String previousJti, Instant rotatedAt,
                   String rotationRequestId, long rotations, Instant revokedAt, RevocationReason revocationReason) {
        this(id, customerId, applicationId, deviceUuid, startedAt, currentJti, previousJti, rotatedAt,
                rotationRequestId, rotations, 0, revokedAt, revocationReason, null);
    }

    /**
     * A session as a login begins it: one current token, nothing rotated yet, bound to no key.
     *
     * @param id            the new session's id, not null
     * @param customerId    the customer who logged in, not null
     * @param applicationId the application logged in through, not null
     * @param deviceUuid    the device, or null
     * @param startedAt     the login, not null
     * @param jti           the first token's {@code jti}, not null
     * @return the new session
     */
    public static Session begin(SessionId id, CustomerId customerId, ApplicationId applicationId, String deviceUuid,
                                Instant startedAt, String jti) {
        return begin(id, customerId, applicationId, deviceUuid, startedAt, jti, null);
    }

    /**
     * A session as a login begins it, bound to the client key of thumbprint {@code dpopJkt} (null: none).
     *
     * @param id            the new session's id, not null
     * @param customerId    the customer who logged in, not null
     * @param applicationId the application logged in through, not null
     * @param deviceUuid    the device, or null
     * @param startedAt     the login, not null
     * @param jti           the first token's {@code jti}, not null
     * @param dpopJkt       the client key the session is bound to, or null
     * @return the new session
     */
    public static Session begin(SessionId id, CustomerId customerId, ApplicationId applicationId, String deviceUuid,
                                Instant startedAt, String jti, KeyThumbprint dpopJkt) {
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, jti,
                null, null, null, 0, 0, null, null, dpopJkt);
    }

    /**
     * Whether the session was revoked; a revoked session stays revoked.
     *
     * @return true when {@code revokedAt} is set
     */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * The state after {@code rotation}; the caller has checked that it applies. The grace replay count starts
     * again at zero.
     *
     * @param rotation a rotation of this session
     * @return the rotated session
     * @throws IllegalArgumentException if the rotation is of another customer's session
     * @throws IllegalStateException    if the session's current token is not the one the rotation expects
     */
    public Session rotatedBy(Rotation rotation) {
        if (!customerId.equals(rotation.customerId())) {
            throw new IllegalArgumentException("rotation of customer " + rotation.customerId() + " on a session of " + customerId);
        }
        if (!currentJti.equals(rotation.expectedCurrentJti())) {
            throw new IllegalStateException("rotation expected " + rotation.expectedCurrentJti() + " but current is " + currentJti);
        }
        String device = rotation.deviceUuid() != null ? rotation.deviceUuid() : deviceUuid;
        return new Session(id, customerId, applicationId, device, startedAt, rotation.newJti(),
                rotation.presentedJti(), rotation.rotatedAt(), rotation.requestId().value(), rotations + 1, 0,
                revokedAt, revocationReason, dpopJkt);
    }

    /**
     * The state after one more grace replay of the previous token was counted.
     *
     * @return the session with {@code graceReplays} one higher
     */
    public Session withGraceReplayCounted() {
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, currentJti, previousJti, rotatedAt,
                rotationRequestId, rotations, graceReplays + 1, revokedAt, revocationReason, dpopJkt);
    }

    /**
     * The state after a revocation. A session already revoked keeps its first revocation.
     *
     * @param at     when it is revoked
     * @param reason why
     * @return the revoked session; this one when it was revoked already
     */
    public Session revoked(Instant at, RevocationReason reason) {
        if (isRevoked()) {
            return this;
        }
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, currentJti,
                previousJti, rotatedAt, rotationRequestId, rotations, graceReplays, at, reason, dpopJkt);
    }
}
