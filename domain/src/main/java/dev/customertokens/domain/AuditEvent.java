package dev.customertokens.domain;


import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a session or a refresh (CONTRACT 4.6), reported through the application's
 * {@code AuditEvents} port. It never holds a token, a signature or a secret: only identifiers, a reason and
 * a count.
 *
 * @param type        what happened
 * @param at          when it happened
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
        /** A login began a session. */
        SESSION_STARTED("session_started"),
        /** The current token was presented and rotated: its successor is current. */
        TOKEN_ROTATED("token_rotated"),
        /** A token newer than the stored current one moved the session forward (CONTRACT 2.3). */
        SESSION_FAST_FORWARDED("session_fast_forwarded"),
        /** The previous token got its successor again: a grace replay or a retry (CONTRACT 2.3). */
        TOKEN_REPLAYED("token_replayed"),
        /** A refresh was refused; the reason is the {@link Refusal}, in snake_case. */
        REFRESH_REFUSED("refresh_refused"),
        /** A rotated token was presented outside the grace rules: the session is revoked. */
        REUSE_DETECTED("reuse_detected"),
        /** A session, or all of a customer's, was revoked for another reason than reuse; the reason says which. */
        SESSION_REVOKED("session_revoked"),
        /** Sessions past their refresh window or their retention were deleted; the count says how many. */
        SESSIONS_PURGED("sessions_purged");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The event's name as CONTRACT 4.6 and the audit log spell it.
         *
         * @return the snake_case name, such as {@code token_rotated}
         */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Checks the components.
     *
     * @param type        what happened, not null
     * @param at          when it happened, not null
     * @param session     the session, or null
     * @param customer    the customer, or null
     * @param application the application, or null
     * @param requestId   the refresh request's X-Request-ID, or null
     * @param reason      the refusal or revocation reason in snake_case, or null
     * @param count       how many sessions the event is about, not negative
     * @throws NullPointerException     if {@code type} or {@code at} is null
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
