package dev.customertokens.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The RFC 7638 SHA-256 thumbprint of a client's public key, base64url without padding: the {@code jkt} a
 * session is bound to (CONTRACT 2.7).
 *
 * @param value the thumbprint: 43 base64url characters
 */
public record KeyThumbprint(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * Checks the form: 43 base64url characters. Whether it is the thumbprint of a real key cannot be told.
     *
     * @param value the thumbprint
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not 43 base64url characters
     */
    public KeyThumbprint {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a key thumbprint is 43 base64url characters (RFC 7638, SHA-256)");
        }
    }

    /**
     * The thumbprint {@code value}, as the constructor makes it.
     *
     * @param value the thumbprint: 43 base64url characters
     * @return the thumbprint
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not 43 base64url characters
     */
    public static KeyThumbprint of(String value) {
        return new KeyThumbprint(value);
    }

    /**
     * Whether {@code value} would make a thumbprint, for a caller that reports a malformed one rather than
     * catching an exception.
     *
     * @param value the text to check, may be null
     * @return true when it is 43 base64url characters; false for null
     */
    public static boolean isWellFormed(String value) {
        return value != null && FORM.matcher(value).matches();
    }
}
