package dev.customertokens.adapters.persistence.repository;

/**
 * One hot write of a session, as its compare-and-set binds it ({@link SessionStatements}) and the journal
 * keeps it: ids and times, never a token. Applied twice, it changes nothing the second time.
 */
public sealed interface SessionWrite {

    /** The rotation of the session's current token; {@code deviceUuid} null keeps the recorded device. */
    record Rotation(long sessionId, String customerId, String expectedJti, String newJti, long rotatedAtMs,
                    String requestId, String deviceUuid) implements SessionWrite {
    }

    /** The revocation of the customer's session, if it is live. */
    record Revocation(long sessionId, String customerId, long atMs, String reason) implements SessionWrite {
    }
}
