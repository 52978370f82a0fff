package dev.customertokens.application.port.in;

import dev.customertokens.domain.Application;

/** Adds an application, or updates the one with the same id (its key, name, or whether it is enabled). */
public interface RegisterApplicationUseCase {

    /**
     * Adds or updates the application.
     *
     * @param application the application as it should be stored
     * @throws dev.customertokens.application.port.out.ApplicationKeyTakenException when another application holds
     *         the key; nothing is written
     */
    void register(Application application);
}
