package dev.customertokens.application.port.out;

import dev.customertokens.domain.ApplicationId;

import java.util.Objects;

/**
 * An application was saved with a key that another application holds. Nothing was written: a key is never
 * moved from one application to another by a save (the other one would silently stop working).
 */
public final class ApplicationKeyTakenException extends RuntimeException {

    /** The application that holds the key, never null. */
    private final ApplicationId holder;

    /**
     * Names the application that holds the key; the message names it too, never the key.
     *
     * @param holder the application that holds the key, not null
     * @throws NullPointerException if {@code holder} is null
     */
    public ApplicationKeyTakenException(ApplicationId holder) {
        super("the key is held by application " + Objects.requireNonNull(holder, "holder"), null, false, false);
        this.holder = holder;
    }

    /**
     * The application that holds the key: the one the admin API's 409 {@code conflict} names.
     *
     * @return its id, never null
     */
    public ApplicationId holder() {
        return holder;
    }
}
