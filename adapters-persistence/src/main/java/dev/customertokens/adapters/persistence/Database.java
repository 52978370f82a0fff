package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.SessionHousekeeping;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PreferQueryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One database (H2 or PostgreSQL) behind the repository ports: a HikariCP pool, one {@link Jdbi} over it,
 * and the schema brought up to date by Flyway when it opens.
 *
 * <p>An H2 URL is completed as {@link JdbcUrls} describes: an embedded file database gets
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

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String H2_BIND_ADDRESS = "h2.bindAddress";
    private static final String LOOPBACK = "127.0.0.1";
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
    /** Null unless this process owns an embedded file database. */
    private final IdleFileCompaction fileCompaction;

    private Database(HikariDataSource dataSource, Dialect dialect, boolean embeddedH2, Durability durability,
                     String schemaVersion, Duration connectionTimeout, BatchSizes batchSizes,
                     IdleFileCompaction fileCompaction) {
        this.dataSource = dataSource;
        this.fileCompaction = fileCompaction;
        this.jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.storage = new Storage(jdbi, dataSource, durability);
        this.housekeeping = new JdbiSessionHousekeeping(jdbi, dialect);
        this.schemaVersion = schemaVersion;
        this.connectionTimeout = connectionTimeout;
        this.embeddedH2 = embeddedH2;
        this.applications = new JdbiApplications(storage, dialect);
        this.customerAccounts = new JdbiCustomerAccounts(storage, dialect);
        this.refreshStatements = dialect == Dialect.POSTGRESQL && extendedProtocol(dataSource)
                ? new PipelinedRefreshStatements(dataSource, pipelineWait(connectionTimeout), batchSizes)
                : new DirectRefreshStatements(storage);
        this.sessions = new JdbiSessions(storage, dialect, refreshStatements);
    }

    /**
     * A refresh's statement waits for the batch at the database and then for its own: each is bounded by
     * the pool's timeout and the socket's. Past this it withdraws, if no batch took it yet.
     */
    private static Duration pipelineWait(Duration connectionTimeout) {
        return connectionTimeout.plusSeconds(2L * POSTGRES_SOCKET_TIMEOUT_SECONDS);
    }

    /**
     * Whether pgjdbc speaks the extended protocol, where a batch of rotations is one implicit transaction;
     * with {@code preferQueryMode=simple} in the URL each statement would commit alone.
     */
    private static boolean extendedProtocol(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(PGConnection.class)) {
                LOG.info("the PostgreSQL connections are not pgjdbc's: each refresh runs its statements alone");
                return false;
            }
            return connection.unwrap(PGConnection.class).getPreferQueryMode() != PreferQueryMode.SIMPLE;
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
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

    /** The highest migration, in {@code db/migration} or {@link #JAVA_MIGRATIONS}; {@code DatabaseTest} holds it to them. */
    static final String LATEST_MIGRATION_VERSION = "8";

    /** Migrations that differ by database, or must check what is there first, so cannot be one SQL file for both. */
    static final List<JavaMigration> JAVA_MIGRATIONS = List.of(new PostgresSessionsMigration(),
            new PostgresRevocationIndexMigration(), new PostgresChainsFillFactorMigration(),
            new SessionChainsMigration());

    /** As {@link #open(DatabaseSettings, String, Object, BatchSizes)}, choosing when Flyway runs. */
    public static Database open(DatabaseSettings settings, String formerPassword, Object meterRegistry,
                                BatchSizes batchSizes, Migration migration) {
        String url = JdbcUrls.effective(settings.jdbcUrl());
        boolean embeddedH2 = JdbcUrls.isH2File(url) || JdbcUrls.isH2Memory(url);
        if (url.startsWith("jdbc:h2:")) {
            bindH2ServersToLoopbackUnlessConfigured();
        }
        if (formerPassword != null && JdbcUrls.isH2File(url)) {
            H2Passwords.adopt(url, settings.user(), settings.password(), formerPassword);
        }
        HikariDataSource dataSource = pool(settings, url, meterRegistry);
        try {
            String schemaVersion = migration == Migration.WHEN_BEHIND && isCurrent(dataSource)
                    ? LATEST_MIGRATION_VERSION : migrate(dataSource);
            Durability durability = JdbcUrls.isH2File(url) ? fileDurability(settings, url, batchSizes)
                    : Durability.NOT_NEEDED;
            IdleFileCompaction fileCompaction = null;
            try {
                if (durability instanceof RotationJournal journal) {
                    fileCompaction = idleFileCompaction(dataSource, journal);
                }
                return new Database(dataSource, dialectOf(dataSource), embeddedH2, durability, schemaVersion,
                        settings.connectionTimeout(), batchSizes, fileCompaction);
            } catch (RuntimeException e) {
                if (fileCompaction != null) {
                    fileCompaction.close();
                }
                durability.close();
                throw e;
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw StorageFaults.translate(e);
        }
    }

    private static String migrate(HikariDataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
                .load();
        flyway.migrate();
        return flyway.info().current().getVersion().getVersion();
    }

    private static boolean isCurrent(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(LATEST_MIGRATION)) {
            return rs.next() && compareVersions(rs.getString(1), LATEST_MIGRATION_VERSION) >= 0;
        } catch (SQLException | RuntimeException e) {
            return false; // no history yet, or unreadable: Flyway decides
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

    private static final String LATEST_MIGRATION = "SELECT \"version\" FROM \"flyway_schema_history\" "
            + "WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY";

    /**
     * Readiness: whether the database answers within the connection timeout and its schema is not behind
     * this build's migrations.
     *
     * @return empty when ready, else what is wrong (never a credential)
     */
    public Optional<String> ping() {
        int seconds = (int) Math.max(1, connectionTimeout.toSeconds());
        try {
            Optional<String> version = jdbi.withHandle(handle -> handle.createQuery(LATEST_MIGRATION)
                    .setQueryTimeout(seconds).mapTo(String.class).findOne());
            if (version.isEmpty()) {
                return Optional.of("the schema has no migration");
            }
            if (compareVersions(version.get(), schemaVersion) < 0) {
                return Optional.of("the schema is at version " + version.get() + ", this build needs " + schemaVersion);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(StorageFaults.translate(e) instanceof StorageUnavailableException
                    ? "the database cannot be reached" : "the database answered with an error");
        }
    }

    /** The schema version this build migrated to, e.g. {@code 3}. */
    public String schemaVersion() {
        return schemaVersion;
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

    /** Whether the database holds no application and no customer account (a fresh one, ready for demo data). */
    public boolean isEmpty() {
        return storage.withHandle(handle -> handle.createQuery(ANY_APPLICATION).mapTo(Integer.class).findOne().isEmpty()
                && handle.createQuery(ANY_CUSTOMER).mapTo(Integer.class).findOne().isEmpty());
    }

    /** Whether this is an H2 database inside this process (a file or in-memory one), not a database server. */
    public boolean isEmbeddedH2() {
        return embeddedH2;
    }

    /** The compaction of the embedded file while idle, when this process owns one. */
    Optional<IdleFileCompaction> fileCompaction() {
        return Optional.ofNullable(fileCompaction);
    }

    @Override
    public void close() {
        try {
            if (fileCompaction != null) {
                fileCompaction.close();
            }
            refreshStatements.close();
            storage.durability().close();
        } finally {
            dataSource.close();
        }
    }

    private static Durability fileDurability(DatabaseSettings settings, String url, BatchSizes batchSizes) {
        CheckpointGroupCommit.ConnectionOpener ownConnection = () -> DriverManager.getConnection(url, settings.user(),
                settings.password());
        CheckpointGroupCommit checkpoints = new CheckpointGroupCommit(ownConnection, settings.connectionTimeout(),
                batchSizes::durableWrites);
        try {
            Path journalDirectory = Path.of(JdbcUrls.h2FilePath(url) + RotationJournal.DIRECTORY_SUFFIX);
            Optional<RotationJournal> journal = RotationJournal.openIfFree(journalDirectory, ownConnection, checkpoints,
                    settings.connectionTimeout());
            if (journal.isPresent()) {
                return journal.get();
            }
            LOG.info("another process owns the journal of {}; this one makes its writes durable by checkpoints",
                    journalDirectory);
            return checkpoints;
        } catch (RuntimeException e) {
            checkpoints.close();
            throw e;
        }
    }

    /** For the journal's owner only: the first opening of the file, whose store is in this process. */
    private static IdleFileCompaction idleFileCompaction(DataSource dataSource, RotationJournal journal) {
        try (Connection connection = dataSource.getConnection()) {
            return IdleFileCompaction.startIfLocal(connection, journal::writesSoFar).orElse(null);
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }

    /** Far above any statement of ours (single-row reads and writes), far below a TCP timeout. */
    private static final int POSTGRES_SOCKET_TIMEOUT_SECONDS = 15;

    private static HikariDataSource pool(DatabaseSettings settings, String url, Object meterRegistry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("customer-tokens");
        if (meterRegistry != null) {
            config.setMetricRegistry(meterRegistry);
        }
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 5_000));
        config.setAutoCommit(true);
        if (url.startsWith("jdbc:postgresql:")) {
            // without these a half-open connection (a database host gone, not refusing) blocks a worker for the
            // kernel's TCP timeout, many minutes; parameters in the URL still win over these defaults
            long connectSeconds = Math.max(1, settings.connectionTimeout().toSeconds());
            config.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
            config.addDataSourceProperty("socketTimeout", String.valueOf(POSTGRES_SOCKET_TIMEOUT_SECONDS));
            config.addDataSourceProperty("tcpKeepAlive", "true");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    private static Dialect dialectOf(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(connection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }

    /**
     * H2 reads {@code h2.bindAddress} once per JVM, when its first connection (of any kind, in-memory too)
     * loads its settings; AUTO_SERVER's TCP server then listens on that address only.
     */
    private static synchronized void bindH2ServersToLoopbackUnlessConfigured() {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, LOOPBACK);
        }
    }
}
