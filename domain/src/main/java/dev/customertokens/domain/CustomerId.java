package dev.customertokens.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** The id of a customer account, as it appears in {@code customer_account.id} and in a token's {@code sub}. */
public record CustomerId(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public CustomerId {
        Objects.requireNonNull(value, "customer id");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("customer id must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
    }

    /** Whether {@code value} is a well-formed customer id (a token's {@code sub} may be anything). */
    public static boolean isValid(String value) {
        return value != null && ALLOWED.matcher(value).matches();
    }

    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
