package dev.customertokens.domain;

import java.util.Objects;

/**
 * The application key a client sends in the {@code Application} header: 32 lowercase hex characters.
 * {@link #toString()} is the key itself.
 *
 * @param value the key, 32 lowercase hex characters
 */
public record ApplicationKey(String value) {
    /**
     * Checks the key.
     *
     * @param value the key, 32 lowercase hex characters
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not 32 lowercase hex characters
     */
    public ApplicationKey {
        Objects.requireNonNull(value, "application key");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("application key must be 32 lowercase hex characters");
        }
    }

    /**
     * Whether {@code candidate} would make a key, for a caller that reports a malformed one rather than
     * catching an exception.
     *
     * @param candidate the text to check, may be null
     * @return true when it is 32 lowercase hex characters; false for null
     */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = candidate.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    /**
     * The application key {@code value}, as the constructor makes it.
     *
     * @param value the key, 32 lowercase hex characters
     * @return the key
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not 32 lowercase hex characters
     */
    public static ApplicationKey of(String value) {
        return new ApplicationKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
