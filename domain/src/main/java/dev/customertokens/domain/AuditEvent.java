package dev.customertokens.domain;


import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened (reported through the application's {@code AuditEvents} port) to a session or a refresh (CONTRACT 4.6). It never holds a token, a signature
 * or a secret: only identifiers, a reason and a count.
 *
 * @param session     the session, or null when not known (a token that could not be read)
 * @param customer    the customer, or null when not known
 * @param application the application, or null when not known
 * @param requestId   the refresh request's X-Request-ID, or null outside a request
 * @param reason      the refusal or revocation reason in snake_case, or null
 * @param count       how many sessions the event is about (1 for most, any number for a purge or a bulk revoke)
 */
public record AuditEvent(Type type, Instant at, SessionId session, CustomerId customer, ApplicationId application,
                         RequestId requestId, String reason, long count) {

    /** The event names of CONTRACT 4.6. */
    public enum Type {
        SESSION_STARTED("session_started"),
        TOKEN_ROTATED("token_rotated"),
        /** A token newer than the stored current one moved the session forward (CONTRACT 2.3). */
        SESSION_FAST_FORWARDED("session_fast_forwarded"),
        TOKEN_REPLAYED("token_replayed"),
        REFRESH_REFUSED("refresh_refused"),
        REUSE_DETECTED("reuse_detected"),
        SESSION_REVOKED("session_revoked"),
        SESSIONS_PURGED("sessions_purged");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
