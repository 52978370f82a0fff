package dev.customertokens.domain;

import java.util.Objects;

/**
 * The id of a customer account, as it appears in {@code customer_account.id} and in a token's {@code sub}.
 * {@link #toString()} is the id itself.
 *
 * @param value the id: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}
 */
public record CustomerId(String value) {
    private static final int LONGEST = 64;

    /**
     * Checks the id.
     *
     * @param value the id: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is empty, longer than 64 characters or holds another
     *                                  character
     */
    public CustomerId {
        Objects.requireNonNull(value, "customer id");
        if (!isValid(value)) {
            throw new IllegalArgumentException("customer id must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
    }

    /**
     * Whether {@code value} is a well-formed customer id (a token's {@code sub} may be anything).
     *
     * @param value the text to check, may be null
     * @return true when the constructor would accept it; false for null
     */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > LONGEST) {
            return false;
        }
        // by hand, not a regex: every refresh and every imported account checks an id (docs/benchmarks.md)
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The customer id {@code value}, as the constructor makes it.
     *
     * @param value the id: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}
     * @return the id
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not a well-formed id
     */
    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
