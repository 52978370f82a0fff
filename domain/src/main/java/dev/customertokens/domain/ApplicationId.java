package dev.customertokens.domain;

/**
 * The numeric id of an application, carried by tokens as {@code application_id}.
 *
 * @param value the id, positive
 */
public record ApplicationId(long value) {
    /**
     * Checks the id.
     *
     * @param value the id, positive
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public ApplicationId {
        if (value <= 0) {
            throw new IllegalArgumentException("application id must be positive");
        }
    }

    /**
     * The application id {@code value}, as the constructor makes it.
     *
     * @param value the id, positive
     * @return the id
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public static ApplicationId of(long value) {
        return new ApplicationId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
