package dev.customertokens.application.port.out;

import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationKey;

import java.util.Optional;

/** The applications customers sign in through. */
public interface Applications {

    /**
     * The application that holds a key, enabled or not.
     *
     * @param key the key of an {@code Application} header
     * @return the application, or empty when no application holds the key
     */
    Optional<Application> findByKey(ApplicationKey key);

    /**
     * Adds the application, or updates the one with the same id, in one atomic step.
     *
     * @param application the application as it should be stored
     * @throws ApplicationKeyTakenException when another application holds the key (checked in the same
     *         statement or transaction as the write, so that two saves racing for one key cannot both win)
     */
    void save(Application application);
}
