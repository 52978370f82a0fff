package dev.customertokens.domain;

import java.util.Objects;

/** The application key a client sends in the {@code Application} header: 32 lowercase hex characters. */
public record ApplicationKey(String value) {
    public ApplicationKey {
        Objects.requireNonNull(value, "application key");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("application key must be 32 lowercase hex characters");
        }
    }

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

    public static ApplicationKey of(String value) {
        return new ApplicationKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
