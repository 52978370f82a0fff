package dev.customertokens.application.port.in;

import dev.customertokens.domain.Application;

/** Adds an application, or updates the one with the same id (its key, name, or whether it is enabled). */
public interface RegisterApplicationUseCase {

    void register(Application application);
}
