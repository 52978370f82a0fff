package dev.customertokens.domain;

/** The numeric id of an application, carried by tokens as {@code application_id}. */
public record ApplicationId(long value) {
    public ApplicationId {
        if (value <= 0) {
            throw new IllegalArgumentException("application id must be positive");
        }
    }

    public static ApplicationId of(long value) {
        return new ApplicationId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
