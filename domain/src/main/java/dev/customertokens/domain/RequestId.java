package dev.customertokens.domain;

import java.util.Objects;

/**
 * A client's request identifier ({@code X-Request-ID}): 1 to 128 characters of A-Z a-z 0-9 . _ -
 * A retry carries the same one, which is how a lost answer is told from reuse (CONTRACT 2.3).
 * {@link #toString()} is the identifier itself.
 *
 * @param value the identifier: 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}
 */
public record RequestId(String value) {
    /** The longest identifier accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    /**
     * Checks the identifier.
     *
     * @param value the identifier: 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is empty, too long or holds another character
     */
    public RequestId {
        Objects.requireNonNull(value, "request id");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("request id must be 1 to 128 characters of A-Z a-z 0-9 . _ -");
        }
    }

    /**
     * Whether {@code candidate} would make a request identifier, for a caller that reports a malformed one
     * rather than catching an exception.
     *
     * @param candidate the text to check, may be null
     * @return true when the constructor would accept it; false for null
     */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The request identifier {@code value}, as the constructor makes it.
     *
     * @param value the identifier: 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}
     * @return the identifier
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not a well-formed identifier
     */
    public static RequestId of(String value) {
        return new RequestId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
