package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.ApplicationKeyTakenException;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;

import java.util.Optional;

/**
 * The applications in the {@code applications} table. A save is one upsert; the table's unique key constraint
 * refuses a key that another application holds, in that same statement, so two saves racing for one key
 * cannot both win, and a key is never moved from one application to another.
 */
public final class JdbiApplications implements Applications {

    private static final String FIND_BY_KEY =
            "SELECT " + ApplicationRow.COLUMNS + " FROM applications WHERE app_key = :key";
    private static final String HOLDER = "SELECT id FROM applications WHERE app_key = :key AND id <> :id";

    private final Storage storage;
    private final String upsert;

    public JdbiApplications(Storage storage, Dialect dialect) {
        this.storage = storage;
        this.upsert = dialect.upsert("applications", ApplicationRow.COLUMNS);
    }

    @Override
    public Optional<Application> findByKey(ApplicationKey key) {
        return storage.withHandle(handle -> handle.createQuery(FIND_BY_KEY)
                .bind("key", key.value())
                .map(ApplicationRow.MAPPER)
                .findOne()
                .map(ApplicationRow::toDomain));
    }

    @Override
    public void save(Application application) {
        ApplicationRow row = ApplicationRow.from(application);
        for (int attempt = 1; ; attempt++) {
            try {
                storage.write(handle -> handle.createUpdate(upsert)
                        .bind("id", row.id()).bind("appKey", row.appKey()).bind("name", row.name())
                        .bind("enabled", row.enabled())
                        .execute());
                return;
            } catch (RuntimeException e) {
                if (!UniqueViolation.isCause(e)) {
                    throw e;
                }
                Optional<Long> holder = storage.withHandle(handle -> handle.createQuery(HOLDER)
                        .bind("key", row.appKey()).bind("id", row.id()).mapTo(Long.class).findOne());
                if (holder.isPresent()) {
                    throw new ApplicationKeyTakenException(ApplicationId.of(holder.get()));
                }
                if (attempt == UniqueViolation.ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
