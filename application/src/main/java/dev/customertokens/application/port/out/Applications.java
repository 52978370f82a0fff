package dev.customertokens.application.port.out;

import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationKey;

import java.util.Optional;

/** The applications customers sign in through. */
public interface Applications {

    Optional<Application> findByKey(ApplicationKey key);

    /** Adds the application, or updates the one with the same id. */
    void save(Application application);
}
