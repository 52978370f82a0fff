package dev.customertokens.domain;

import java.util.Objects;

/** A client application (a web shop, a mobile app) that customers sign in through. */
public record Application(ApplicationId id, ApplicationKey key, String name, boolean enabled) {
    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException("application name must be 1 to 255 characters");
        }
    }
}
