package dev.customertokens.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One rotation of a session, as a compare-and-set: it applies only while the session's current token is
 * still {@code expectedCurrentJti}, which is what makes exactly one of many concurrent refreshes win.
 * It names the session's customer as well as the session, so that a store may place sessions by customer.
 *
 * @param deviceUuid   the device reported by the rotating request, or null to keep the recorded one
 * @param presentedJti the token the client presented, which becomes the previous one: the expected current
 *                     token, except when the session moves forward past rotations its store lost (CONTRACT 2.3)
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

    /** The rotation of the current token itself: it becomes the previous one. */
    public Rotation(SessionId sessionId, CustomerId customerId, String expectedCurrentJti, String newJti,
                    Instant rotatedAt, RequestId requestId, String deviceUuid) {
        this(sessionId, customerId, expectedCurrentJti, newJti, rotatedAt, requestId, deviceUuid, expectedCurrentJti);
    }

    /** Whether the session moves forward past rotations its store lost, rather than rotating its current token. */
    public boolean fastForwards() {
        return !presentedJti.equals(expectedCurrentJti);
    }
}
