package dev.customertokens.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A session: the family of tokens that descends from one login. It remembers only what the rotation
 * rules need: the id of the current token, the one before it, when and by which request that rotation
 * happened, and whether the family was revoked. It never holds a token: a replayed successor is signed
 * again from these facts ({@link RotationPolicy#currentClaims}), so a copy of the store refreshes nothing.
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
        Instant revokedAt,
        RevocationReason revocationReason) {

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
    }

    /** A session as a login begins it: one current token, nothing rotated yet. */
    public static Session begin(SessionId id, CustomerId customerId, ApplicationId applicationId, String deviceUuid,
                                Instant startedAt, String jti) {
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, jti,
                null, null, null, 0, null, null);
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
                currentJti, rotation.rotatedAt(), rotation.requestId().value(), rotations + 1, revokedAt, revocationReason);
    }

    public Session revoked(Instant at, RevocationReason reason) {
        if (isRevoked()) {
            return this;
        }
        return new Session(id, customerId, applicationId, deviceUuid, startedAt, currentJti,
                previousJti, rotatedAt, rotationRequestId, rotations, at, reason);
    }
}
