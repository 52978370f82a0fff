package dev.customertokens.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One rotation of a session, as a compare-and-set: it applies only while the session's current token is
 * still {@code expectedCurrentJti}, which is what makes exactly one of many concurrent refreshes win.
 * It names the session's customer as well as the session, so that a store may place sessions by customer.
 *
 * @param deviceUuid the device reported by the rotating request, or null to keep the recorded one
 */
public record Rotation(
        SessionId sessionId,
        CustomerId customerId,
        String expectedCurrentJti,
        String newJti,
        Instant rotatedAt,
        RequestId requestId,
        String deviceUuid) {

    public Rotation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(expectedCurrentJti, "expectedCurrentJti");
        Objects.requireNonNull(newJti, "newJti");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        Objects.requireNonNull(requestId, "requestId");
        if (newJti.equals(expectedCurrentJti)) {
            throw new IllegalArgumentException("a rotation must change the current token");
        }
    }
}
