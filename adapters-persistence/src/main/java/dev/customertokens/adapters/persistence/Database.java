package dev.customertokens.adapters.persistence;

import dev.customertokens.adapters.persistence.h2.ConnectionOpener;
import dev.customertokens.adapters.persistence.h2.FileDurability;
import dev.customertokens.adapters.persistence.h2.H2BindAddress;
import dev.customertokens.adapters.persistence.h2.H2Passwords;
import dev.customertokens.adapters.persistence.h2.H2Urls;
import dev.customertokens.adapters.persistence.migration.SchemaMigrations;
import dev.customertokens.adapters.persistence.postgres.PipelinedRefreshStatements;
import dev.customertokens.adapters.persistence.postgres.PostgresConnections;
import dev.customertokens.adapters.persistence.repository.Dialect;
import dev.customertokens.adapters.persistence.repository.DirectRefreshStatements;
import dev.customertokens.adapters.persistence.repository.Durability;
import dev.customertokens.adapters.persistence.repository.JdbiApplications;
import dev.customertokens.adapters.persistence.repository.JdbiCustomerAccounts;
import dev.customertokens.adapters.persistence.repository.JdbiSessionHousekeeping;
import dev.customertokens.adapters.persistence.repository.JdbiSessions;
import dev.customertokens.adapters.persistence.repository.RefreshStatements;
import dev.customertokens.adapters.persistence.repository.Storage;
import dev.customertokens.adapters.persistence.repository.StorageFaults;
import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.SessionHousekeeping;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * One database (H2 or PostgreSQL) behind the repository ports: a HikariCP pool, one {@link Jdbi} over it,
 * and the schema brought up to date by Flyway when it opens.
 *
 * <p>An H2 URL is completed as {@link H2Urls} describes: an embedded file database gets
 * {@code AUTO_SERVER=TRUE} (its TCP server listens on 127.0.0.1 unless the {@code h2.bindAddress} system
 * property says otherwise), an in-memory one {@code DB_CLOSE_DELAY=-1}; settings the URL names already
 * are kept. Every write to an H2 file reaches the file before the repository method returns: the hot
 * writes through a journal beside the database ({@link RotationJournal}) in the process that owns it,
 * everything else (and everything in other processes) by a group commit ({@link CheckpointGroupCommit}).
 *
 * <p>JDBI renders no SQL and no bound value into its exception messages here: a failed statement on the
 * hot path must not carry a customer's data into a log.
 *
 * <p>When no connection can be had within {@link DatabaseSettings#connectionTimeout()}, or one is lost,
 * the repositories throw {@link StorageUnavailableException}; other SQL failures pass through unchanged.
 */
public final class Database implements AutoCloseable {

    private static final String ANY_APPLICATION = "SELECT 1 FROM applications FETCH FIRST 1 ROWS ONLY";
    private static final String ANY_CUSTOMER = "SELECT 1 FROM customer_accounts FETCH FIRST 1 ROWS ONLY";

    private final HikariDataSource dataSource;
    private final Storage storage;
    private final boolean embeddedH2;
    private final Applications applications;
    private final CustomerAccounts customerAccounts;
    private final Sessions sessions;
    private final RefreshStatements refreshStatements;
    private final SessionHousekeeping housekeeping;
    private final Jdbi jdbi;
    private final String schemaVersion;
    private final Duration connectionTimeout;
    /** Null unless this is an embedded file database. */
    private final FileDurability fileDurability;

    private Database(HikariDataSource dataSource, Dialect dialect, boolean embeddedH2, FileDurability fileDurability,
                     String schemaVersion, Duration connectionTimeout, BatchSizes batchSizes) {
        this.dataSource = dataSource;
        this.fileDurability = fileDurability;
        this.jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.storage = new Storage(jdbi, dataSource,
                fileDurability == null ? Durability.NOT_NEEDED : fileDurability.durability());
        this.housekeeping = new JdbiSessionHousekeeping(jdbi, dialect);
        this.schemaVersion = schemaVersion;
        this.connectionTimeout = connectionTimeout;
        this.embeddedH2 = embeddedH2;
        this.applications = new JdbiApplications(storage, dialect);
        this.customerAccounts = new JdbiCustomerAccounts(storage, dialect);
        this.refreshStatements = dialect == Dialect.POSTGRESQL && PostgresConnections.batchesCommitTogether(dataSource)
                ? new PipelinedRefreshStatements(dataSource, connectionTimeout,
                        size -> batchSizes.refreshStatements(BatchSizes.RefreshStatement.READ, size),
                        size -> batchSizes.refreshStatements(BatchSizes.RefreshStatement.ROTATION, size))
                : new DirectRefreshStatements(storage);
        this.sessions = new JdbiSessions(storage, dialect, refreshStatements);
    }

    /**
     * Connects, migrates the schema and returns the open database.
     *
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, null, null, BatchSizes.NONE);
    }

    /**
     * As {@link #open(DatabaseSettings)}, but an embedded H2 file database that still has {@code formerPassword}
     * (e.g. the empty one of a database created before it had a password) is first given the settings' password.
     *
     * @param formerPassword the password the database may have had; {@code null} when there is none to replace
     * @throws StorageUnavailableException when the database cannot be reached or refuses both passwords
     */
    public static Database open(DatabaseSettings settings, String formerPassword) {
        return open(settings, formerPassword, null, BatchSizes.NONE);
    }

    /**
     * As {@link #open(DatabaseSettings, String)}, with the connection pool's own meters ({@code hikaricp_*})
     * bound to {@code meterRegistry}, a Micrometer {@code MeterRegistry} (typed loosely, as HikariCP does, so
     * that this module needs no Micrometer) or null for none, and telling {@code batchSizes} how much each
     * batch carried: each checkpoint of the embedded file (the group commit's batch; journalled rotations are
     * not counted), each round trip of a refresh's statements to PostgreSQL.
     */
    public static Database open(DatabaseSettings settings, String formerPassword, Object meterRegistry,
                                BatchSizes batchSizes) {
        return open(settings, formerPassword, meterRegistry, batchSizes, Migration.ALWAYS);
    }

    /** Whether to run Flyway when the schema is already at this build's latest migration. */
    public enum Migration {
        /** Flyway migrates and validates every time (the service). */
        ALWAYS,
        /**
         * One query finds the schema current and Flyway is not loaded at all (a command, whose start-up it would
         * otherwise dominate); a schema that is behind, or has no history, is migrated as ever.
         */
        WHEN_BEHIND
    }

    /** As {@link #open(DatabaseSettings, String, Object, BatchSizes)}, choosing when Flyway runs. */
    public static Database open(DatabaseSettings settings, String formerPassword, Object meterRegistry,
                                BatchSizes batchSizes, Migration migration) {
        String url = H2Urls.effective(settings.jdbcUrl());
        boolean embeddedH2 = H2Urls.isH2File(url) || H2Urls.isH2Memory(url);
        if (url.startsWith("jdbc:h2:")) {
            H2BindAddress.loopbackUnlessConfigured();
        }
        if (formerPassword != null && H2Urls.isH2File(url)) {
            H2Passwords.adopt(url, settings.user(), settings.password(), formerPassword);
        }
        HikariDataSource dataSource = ConnectionPool.open(settings, url, meterRegistry,
                PostgresConnections.poolDefaults(url, settings.connectionTimeout()));
        try {
            String schemaVersion = SchemaMigrations.bringUpToDate(dataSource, migration == Migration.WHEN_BEHIND);
            ConnectionOpener ownConnections = () -> DriverManager.getConnection(url, settings.user(), settings.password());
            FileDurability fileDurability = H2Urls.isH2File(url) ? FileDurability.choose(url, ownConnections, dataSource,
                    settings.connectionTimeout(), batchSizes::durableWrites) : null;
            try {
                return new Database(dataSource, dialectOf(dataSource), embeddedH2, fileDurability, schemaVersion,
                        settings.connectionTimeout(), batchSizes);
            } catch (RuntimeException e) {
                if (fileDurability != null) {
                    fileDurability.close();
                }
                throw e;
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw StorageFaults.translate(e);
        }
    }

    public Applications applications() {
        return applications;
    }

    public CustomerAccounts customerAccounts() {
        return customerAccounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** How a refresh's statements reach this database. */
    RefreshStatements refreshStatements() {
        return refreshStatements;
    }

    /** Housekeeping: deletes finished sessions in batches (CONTRACT 4.4). */
    public SessionHousekeeping housekeeping() {
        return housekeeping;
    }

    /**
     * Readiness: whether the database answers within the connection timeout and its schema is not behind
     * this build's migrations.
     *
     * @return empty when ready, else what is wrong (never a credential)
     */
    public Optional<String> ping() {
        int seconds = (int) Math.max(1, connectionTimeout.toSeconds());
        try {
            return jdbi.withHandle(handle -> SchemaMigrations.behind(handle, seconds, schemaVersion));
        } catch (RuntimeException e) {
            return Optional.of(StorageFaults.translate(e) instanceof StorageUnavailableException
                    ? "the database cannot be reached" : "the database answered with an error");
        }
    }

    /** The schema version this build migrated to, e.g. {@code 3}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Whether the database holds no application and no customer account (a fresh one, ready for demo data). */
    public boolean isEmpty() {
        return storage.withHandle(handle -> handle.createQuery(ANY_APPLICATION).mapTo(Integer.class).findOne().isEmpty()
                && handle.createQuery(ANY_CUSTOMER).mapTo(Integer.class).findOne().isEmpty());
    }

    /** Whether this is an H2 database inside this process (a file or in-memory one), not a database server. */
    public boolean isEmbeddedH2() {
        return embeddedH2;
    }

    /** Whether this process compacts the embedded file while idle (it owns the file's journal). */
    boolean compactsFileWhileIdle() {
        return fileDurability != null && fileDurability.compactsWhileIdle();
    }

    @Override
    public void close() {
        try {
            refreshStatements.close();
            if (fileDurability != null) {
                fileDurability.close();
            }
        } finally {
            dataSource.close();
        }
    }

    private static Dialect dialectOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(connection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }
}
