package dev.customertokens.testkit;

import dev.customertokens.application.port.out.ApplicationKeyTakenException;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The applications port in memory, for tests and for services that embed the library without a database. */
public final class InMemoryApplications implements Applications {

    private final ConcurrentMap<ApplicationId, Application> byId = new ConcurrentHashMap<>();

    @Override
    public Optional<Application> findByKey(ApplicationKey key) {
        return byId.values().stream().filter(a -> a.key().equals(key)).findFirst();
    }

    @Override
    public synchronized void save(Application application) {
        byId.values().stream().filter(a -> a.key().equals(application.key()) && !a.id().equals(application.id()))
                .findFirst().ifPresent(holder -> {
                    throw new ApplicationKeyTakenException(holder.id());
                });
        byId.put(application.id(), application);
    }
}
