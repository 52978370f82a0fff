package dev.customertokens.adapters.persistence.migration;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration in Java, with its version and description given rather than read from a class name (Flyway's
 * {@code BaseJavaMigration}), so that the classes can be named for what they do. Each runs in the migration's
 * transaction where the database has transactional DDL (PostgreSQL).
 */
abstract class VersionedJavaMigration implements JavaMigration {

    private final String version;
    private final String description;

    VersionedJavaMigration(String version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
