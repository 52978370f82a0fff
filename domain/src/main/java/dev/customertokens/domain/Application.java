package dev.customertokens.domain;

import java.util.Objects;

/**
 * A client application (a web shop, a mobile app) that customers sign in through.
 *
 * @param id      the application's id, carried by its tokens as {@code application_id}
 * @param key     the key its clients send in the {@code Application} header
 * @param name    a name for people, 1 to 255 characters
 * @param enabled whether its clients may refresh: a disabled application is answered as an unknown one
 *                (403 {@code application_unknown})
 */
public record Application(ApplicationId id, ApplicationKey key, String name, boolean enabled) {
    /**
     * Checks the components.
     *
     * @param id      the application's id, not null
     * @param key     its key, not null
     * @param name    its name, 1 to 255 characters, not blank
     * @param enabled whether its clients may refresh
     * @throws NullPointerException     if {@code id}, {@code key} or {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or longer than 255 characters
     */
    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException("application name must be 1 to 255 characters");
        }
    }
}
