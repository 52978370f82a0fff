package dev.customertokens.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One rotation of a session, as a compare-and-set: it applies only while the session's current token is
 * still {@code expectedCurrentJti}, which is what makes exactly one of many concurrent refreshes win.
 * It names the session's customer as well as the session, so that a store may place sessions by customer.
 *
 * @param sessionId          the session rotated
 * @param customerId         the session's customer
 * @param expectedCurrentJti the {@code jti} the session's current token must still have for the rotation to apply
 * @param newJti             the {@code jti} of the successor, which becomes current
 * @param rotatedAt          when the successor was issued
 * @param requestId          the rotating request's {@code X-Request-ID}, which a retry repeats
 * @param deviceUuid         the device reported by the rotating request, or null to keep the recorded one
 * @param presentedJti       the token the client presented, which becomes the previous one: the expected
 *                           current token, except when the session moves forward past rotations its store
 *                           lost (CONTRACT 2.3)
 */
public record Rotation(
        SessionId sessionId,
        CustomerId customerId,
        String expectedCurrentJti,
        String newJti,
        Instant rotatedAt,
        RequestId requestId,
        String deviceUuid,
        String presentedJti) {

    /**
     * Checks the components.
     *
     * @param sessionId          the session rotated, not null
     * @param customerId         the session's customer, not null
     * @param expectedCurrentJti the {@code jti} the current token must still have, not null
     * @param newJti             the successor's {@code jti}, not null
     * @param rotatedAt          when the successor was issued, not null
     * @param requestId          the rotating request's {@code X-Request-ID}, not null
     * @param deviceUuid         the device reported, or null to keep the recorded one
     * @param presentedJti       the presented token's {@code jti}, not null
     * @throws NullPointerException     if a component other than {@code deviceUuid} is null
     * @throws IllegalArgumentException if {@code newJti} equals {@code expectedCurrentJti} or {@code presentedJti}
     */
    public Rotation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(expectedCurrentJti, "expectedCurrentJti");
        Objects.requireNonNull(newJti, "newJti");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(presentedJti, "presentedJti");
        if (newJti.equals(expectedCurrentJti) || newJti.equals(presentedJti)) {
            throw new IllegalArgumentException("a rotation must change the current token");
        }
    }

    /**
     * The rotation of the current token itself: it becomes the previous one.
     *
     * @param sessionId          the session rotated, not null
     * @param customerId         the session's customer, not null
     * @param expectedCurrentJti the {@code jti} of the current token, which was presented; not null
     * @param newJti             the successor's {@code jti}, not null
     * @param rotatedAt          when the successor was issued, not null
     * @param requestId          the rotating request's {@code X-Request-ID}, not null
     * @param deviceUuid         the device reported, or null to keep the recorded one
     * @throws NullPointerException     if a component other than {@code deviceUuid} is null
     * @throws IllegalArgumentException if {@code newJti} equals {@code expectedCurrentJti}
     */
    public Rotation(SessionId sessionId, CustomerId customerId, String expectedCurrentJti, String newJti,
                    Instant rotatedAt, RequestId requestId, String deviceUuid) {
        this(sessionId, customerId, expectedCurrentJti, newJti, rotatedAt, requestId, deviceUuid, expectedCurrentJti);
    }

    /**
     * Whether the session moves forward past rotations its store lost, rather than rotating its current token.
     *
     * @return true when the presented token is not the expected current one
     */
    public boolean fastForwards() {
        return !presentedJti.equals(expectedCurrentJti);
    }
}
