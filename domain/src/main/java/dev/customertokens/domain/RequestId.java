package dev.customertokens.domain;

import java.util.Objects;

/** A client's request identifier ({@code X-Request-ID}): 1 to 128 characters of A-Z a-z 0-9 . _ - */
public record RequestId(String value) {
    public static final int MAX_LENGTH = 128;

    public RequestId {
        Objects.requireNonNull(value, "request id");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("request id must be 1 to 128 characters of A-Z a-z 0-9 . _ -");
        }
    }

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

    public static RequestId of(String value) {
        return new RequestId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
