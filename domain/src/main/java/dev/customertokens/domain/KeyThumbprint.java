package dev.customertokens.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The RFC 7638 SHA-256 thumbprint of a client's public key, base64url without padding: the {@code jkt} a
 * session is bound to (CONTRACT 2.7).
 */
public record KeyThumbprint(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    public KeyThumbprint {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a key thumbprint is 43 base64url characters (RFC 7638, SHA-256)");
        }
    }

    public static KeyThumbprint of(String value) {
        return new KeyThumbprint(value);
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORM.matcher(value).matches();
    }
}
