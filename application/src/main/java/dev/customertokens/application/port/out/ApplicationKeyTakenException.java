package dev.customertokens.application.port.out;

import dev.customertokens.domain.ApplicationId;

import java.util.Objects;

/**
 * An application was saved with a key that another application holds. Nothing was written: a key is never
 * moved from one application to another by a save (the other one would silently stop working).
 */
public final class ApplicationKeyTakenException extends RuntimeException {

    private final ApplicationId holder;

    public ApplicationKeyTakenException(ApplicationId holder) {
        super("the key is held by application " + Objects.requireNonNull(holder, "holder"), null, false, false);
        this.holder = holder;
    }

    /** The application that holds the key. */
    public ApplicationId holder() {
        return holder;
    }
}
