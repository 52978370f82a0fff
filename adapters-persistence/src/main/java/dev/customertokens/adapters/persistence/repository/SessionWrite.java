package dev.customertokens.adapters.persistence.repository;

/**
 * One hot write of a session, as its compare-and-set binds it ({@link SessionStatements}) and the journal
 * keeps it: ids and times, never a token. Applied twice, it changes nothing the second time.
 */
public sealed interface SessionWrite {

    /** The session it writes. */
    long sessionId();

    /**
     * The rotation of the session's current token: {@code presentedJti} becomes the previous one (the
     * expected current token, unless the session moves forward past rotations the store lost);
     * {@code deviceUuid} null keeps the recorded device.
     */
    record Rotation(long sessionId, String customerId, String expectedJti, String newJti, long rotatedAtMs,
                    String requestId, String deviceUuid, String presentedJti) implements SessionWrite {

        /** The rotation of the current token itself, which becomes the previous one. */
        public Rotation(long sessionId, String customerId, String expectedJti, String newJti, long rotatedAtMs,
                        String requestId, String deviceUuid) {
            this(sessionId, customerId, expectedJti, newJti, rotatedAtMs, requestId, deviceUuid, expectedJti);
        }
    }

    /** The revocation of the customer's session, if it is live. */
    record Revocation(long sessionId, String customerId, long atMs, String reason) implements SessionWrite {
    }
}
