package dev.customertokens.adapters.persistence.migration;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema's history: what this build migrates to, and what databases migrated before must still validate. */
class SchemaMigrationsTest {

    @TempDir
    Path directory;

    @Test
    void the_latest_migration_version_is_the_highest_migration_file_or_class() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            String highest = Stream.concat(
                            files.map(file -> file.getFileName().toString())
                                    .filter(name -> name.matches("V\\d+(\\.\\d+)*__.*\\.sql"))
                                    .map(name -> name.substring(1, name.indexOf("__")).replace('_', '.')),
                            SchemaMigrations.JAVA_MIGRATIONS.stream().map(migration -> migration.getVersion().getVersion()))
                    .max(SchemaMigrations::compareVersions).orElseThrow();
            assertThat(SchemaMigrations.LATEST_VERSION).isEqualTo(highest);
        }
    }

    @Test
    void migrations_4_and_5_keep_the_checksums_deployments_recorded_when_they_ran_them() {
        // Flyway refuses to start when an applied migration's checksum changed
        assertThat(new PostgresSessionsMigration().getChecksum()).isEqualTo(-799221684);
        assertThat(new PostgresRevocationIndexMigration().getChecksum()).isEqualTo(1057207898);
    }

    @Test
    void migrations_7_and_8_keep_the_checksums_deployments_recorded_when_they_ran_them() {
        assertThat(new PostgresChainsFillFactorMigration().getChecksum()).isEqualTo(-305365749);
        assertThat(new SessionChainsMigration().getChecksum()).isEqualTo(-655162648);
    }

    /**
     * Flyway records a Java migration's class name in its history; databases migrated before the
     * migrations moved to this package hold the former names, and must open as before.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void a_history_that_names_the_migrations_former_classes_still_validates(String databaseKind) throws SQLException {
        FreshDatabase fresh = FreshDatabase.of(databaseKind, directory.resolve("history"));
        DatabaseSettings settings = DatabaseSettings.of(fresh.url(), fresh.user(), fresh.password());
        try (Database database = Database.open(settings)) {
            assertThat(database.schemaVersion()).isEqualTo(SchemaMigrations.LATEST_VERSION);
        }
        try (Connection connection = DriverManager.getConnection(fresh.url(), fresh.user(), fresh.password());
             Statement statement = connection.createStatement()) {
            int renamed = statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"script\" = "
                    + "REPLACE(\"script\", '.persistence.migration.', '.persistence.') "
                    + "WHERE \"script\" LIKE 'dev.customertokens.adapters.persistence.migration.%'");
            assertThat(renamed).as("Java migrations in the history").isEqualTo(SchemaMigrations.JAVA_MIGRATIONS.size());
        }

        try (Database reopened = Database.open(settings)) {
            assertThat(reopened.schemaVersion()).isEqualTo(SchemaMigrations.LATEST_VERSION);
            assertThat(reopened.ping()).isEmpty();
        }
    }
}
