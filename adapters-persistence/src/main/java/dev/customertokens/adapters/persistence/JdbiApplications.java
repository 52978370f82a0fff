package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationKey;

import java.util.Optional;

/** The applications in the {@code applications} table. */
final class JdbiApplications implements Applications {

    private static final String FIND_BY_KEY =
            "SELECT " + ApplicationRow.COLUMNS + " FROM applications WHERE app_key = :key";
    /** A key belongs to one application: saving it with another one takes it from that one. */
    private static final String DELETE_OTHER_HOLDER = "DELETE FROM applications WHERE app_key = :key AND id <> :id";
    private static final String UPDATE = "UPDATE applications SET app_key = :key, name = :name, enabled = :enabled WHERE id = :id";
    private static final String INSERT =
            "INSERT INTO applications (" + ApplicationRow.COLUMNS + ") VALUES (:id, :key, :name, :enabled)";

    private final Storage storage;

    JdbiApplications(Storage storage) {
        this.storage = storage;
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
        storage.writeInTransaction(handle -> {
            handle.createUpdate(DELETE_OTHER_HOLDER).bind("key", row.appKey()).bind("id", row.id()).execute();
            int updated = handle.createUpdate(UPDATE)
                    .bind("id", row.id()).bind("key", row.appKey()).bind("name", row.name()).bind("enabled", row.enabled())
                    .execute();
            if (updated == 0) {
                handle.createUpdate(INSERT)
                        .bind("id", row.id()).bind("key", row.appKey()).bind("name", row.name()).bind("enabled", row.enabled())
                        .execute();
            }
            return null;
        });
    }
}
