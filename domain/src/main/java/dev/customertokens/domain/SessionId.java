package dev.customertokens.domain;

/**
 * The numeric id of a session (a token family), carried by tokens as {@code session_id}.
 *
 * @param value the id, positive
 */
public record SessionId(long value) {
    /**
     * Checks the id.
     *
     * @param value the id, positive
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public SessionId {
        if (value <= 0) {
            throw new IllegalArgumentException("session id must be positive");
        }
    }

    /**
     * The session id {@code value}, as the constructor makes it.
     *
     * @param value the id, positive
     * @return the id
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public static SessionId of(long value) {
        return new SessionId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
