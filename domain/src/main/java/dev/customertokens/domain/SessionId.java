package dev.customertokens.domain;

/** The numeric id of a session (a token family), carried by tokens as {@code session_id}. */
public record SessionId(long value) {
    public SessionId {
        if (value <= 0) {
            throw new IllegalArgumentException("session id must be positive");
        }
    }

    public static SessionId of(long value) {
        return new SessionId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
