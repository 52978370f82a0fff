package dev.customertokens.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One rotation of a session, as a compare-and-set: it applies only while the session's current token is
 * still {@code expectedCurrentJti}, which is what makes exactly one of many concurrent refreshes win.
 *
 * @param deviceUuid the device reported by the rotating request, or null to keep the recorded one
 */
public record Rotation(
        SessionId sessionId,
        String expectedCurrentJti,
        String newJti,
        String newToken,
        Instant rotatedAt,
        RequestId requestId,
        String deviceUuid) {

    public Rotation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expectedCurrentJti, "expectedCurrentJti");
        Objects.requireNonNull(newJti, "newJti");
        Objects.requireNonNull(newToken, "newToken");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        Objects.requireNonNull(requestId, "requestId");
        if (newJti.equals(expectedCurrentJti)) {
            throw new IllegalArgumentException("a rotation must change the current token");
        }
    }
}
