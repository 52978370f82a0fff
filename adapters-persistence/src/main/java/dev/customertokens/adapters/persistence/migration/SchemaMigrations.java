package dev.customertokens.adapters.persistence.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Handle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Brings the schema up to date with Flyway: the SQL files of {@code db/migration} and the Java migrations
 * of {@link #JAVA_MIGRATIONS}, the same for H2 and PostgreSQL. A migration's version, description and
 * checksum never change once released: databases that ran it must still validate.
 */
public final class SchemaMigrations {

    /** The highest migration, in {@code db/migration} or {@link #JAVA_MIGRATIONS}; a test holds it to them. */
    public static final String LATEST_VERSION = "9";

    /** Migrations that differ by database, or must check what is there first, so cannot be one SQL file for both. */
    static final List<JavaMigration> JAVA_MIGRATIONS = List.of(new PostgresSessionsMigration(),
            new PostgresRevocationIndexMigration(), new PostgresChainsFillFactorMigration(),
            new SessionChainsMigration());

    private static final String APPLIED_VERSION = "SELECT \"version\" FROM \"flyway_schema_history\" "
            + "WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY";

    private SchemaMigrations() {
    }

    /**
     * Migrates the schema and returns its version. With {@code onlyWhenBehind}, one query that finds the
     * schema at {@link #LATEST_VERSION} already stands for Flyway, which is then not loaded at all.
     */
    public static String bringUpToDate(DataSource dataSource, boolean onlyWhenBehind) {
        return onlyWhenBehind && isCurrent(dataSource) ? LATEST_VERSION : migrate(dataSource);
    }

    private static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
                .load();
        flyway.migrate();
        return flyway.info().current().getVersion().getVersion();
    }

    private static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(APPLIED_VERSION)) {
            return rs.next() && compareVersions(rs.getString(1), LATEST_VERSION) >= 0;
        } catch (SQLException | RuntimeException e) {
            return false; // no history yet, or unreadable: Flyway decides
        }
    }

    /**
     * Readiness: whether the schema is not behind {@code needed}, asked within {@code timeoutSeconds}.
     *
     * @return empty when it is not, else what is wrong
     */
    public static Optional<String> behind(Handle handle, int timeoutSeconds, String needed) {
        Optional<String> version = handle.createQuery(APPLIED_VERSION).setQueryTimeout(timeoutSeconds)
                .mapTo(String.class).findOne();
        if (version.isEmpty()) {
            return Optional.of("the schema has no migration");
        }
        if (compareVersions(version.get(), needed) < 0) {
            return Optional.of("the schema is at version " + version.get() + ", this build needs " + needed);
        }
        return Optional.empty();
    }

    static int compareVersions(String left, String right) {
        String[] l = left.split("\\.");
        String[] r = right.split("\\.");
        for (int i = 0; i < Math.max(l.length, r.length); i++) {
            long a = i < l.length ? Long.parseLong(l[i]) : 0;
            long b = i < r.length ? Long.parseLong(r[i]) : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return 0;
    }
}
