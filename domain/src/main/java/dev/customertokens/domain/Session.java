package dev.customertokens.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A session: the family of tokens that descends from one login. It remembers only what the rotation
 * rules need: the id of the current token, the one before it, when and by which request that rotation
 * happened, how often the previous token was replayed since, whether the family was revoked, and the key
 * it is bound to, if any. It never holds a token: a replayed successor is signed again from these facts.
 *
 * @param graceReplays how many grace replays of the previous token were counted since the last rotation
 * @param dpopJkt      the RFC 7638 thumbprint of the client key the session is bound to (CONTRACT 2.7), or null
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

    /** A session bound to no key, with no grace replay counted. */
    public Session(SessionId id, CustomerId customerId, ApplicationId applicationId, String deviceUuid,
                   Instant startedAt, String currentJti, String previousJti, Instant rotatedAt,
                   String rotationRequestId, long rotations, Instant revokedAt, RevocationReason revocationReason) {
        this(id, customerId, applicationId, deviceUuid, startedAt, currentJti, previousJti, rotatedAt,
                rotationRequestId, rotations, 0, revokedAt, revocationReason, null);
    }

    /** A session as a login begins it: one current token, nothing rotated yet, bound to no key. */
    public static Session begin(SessionId id, CustomerId customerId, ApplicationId applicationId, String deviceUuid,
                                Instant startedAt, String jti) {
        return begin(id, customerId, applicationId, deviceUuid, startedAt, jti, null);
    }

    /** A session as a login begins it, bound to the client key of thumbprint {@code dpopJkt} (null: none). */
    public static Session begin(SessionId id, CustomerId customerId, ApplicationId applicationId, String deviceUuid,
                                Instant startedAt, String jti, KeyThumbprint dpopJkt) {
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, jti,
                null, null, null, 0, 0, null, null, dpopJkt);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** The state after {@code rotation}; the caller has checked that it applies. */
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

    /** The state after one more grace replay of the previous token was counted. */
    public Session withGraceReplayCounted() {
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, currentJti, previousJti, rotatedAt,
                rotationRequestId, rotations, graceReplays + 1, revokedAt, revocationReason, dpopJkt);
    }

    public Session revoked(Instant at, RevocationReason reason) {
        if (isRevoked()) {
            return this;
        }
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, currentJti,
                previousJti, rotatedAt, rotationRequestId, rotations, graceReplays, at, reason, dpopJkt);
    }
}
