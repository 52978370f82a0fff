package dev.customertokens.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a customer account, as it appears in {@code customer_account.id} and in a token's {@code sub}.
 * {@link #toString()} is the id itself.
 *
 * @param value the id: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}
 */
public record CustomerId(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

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
        if (!ALLOWED.matcher(value).matches()) {
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
        return value != null && ALLOWED.matcher(value).matches();
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
