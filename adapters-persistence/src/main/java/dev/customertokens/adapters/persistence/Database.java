package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.SessionHousekeeping;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * One database (H2 or PostgreSQL) behind the repository ports: a HikariCP pool, one {@link Jdbi} over it,
 * and the schema brought up to date by Flyway when it opens.
 *
 * <p>An H2 URL is completed as {@link JdbcUrls} describes: an embedded file database gets
 * {@code AUTO_SERVER=TRUE} (its TCP server listens on 127.0.0.1 unless the {@code h2.bindAddress} system
 * property says otherwise), an in-memory one {@code DB_CLOSE_DELAY=-1}; settings the URL names already
 * are kept. Every write to an H2 file reaches the file before the repository method returns, by a group
 * commit ({@link GroupCommit}).
 *
 * <p>When no connection can be had within {@link DatabaseSettings#connectionTimeout()}, or one is lost,
 * the repositories throw {@link StorageUnavailableException}; other SQL failures pass through unchanged.
 */
public final class Database implements AutoCloseable {

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
    private final SessionHousekeeping housekeeping;
    private final Jdbi jdbi;
    private final String schemaVersion;
    private final Duration connectionTimeout;

    private Database(HikariDataSource dataSource, Dialect dialect, boolean embeddedH2, GroupCommit groupCommit,
                     String schemaVersion, Duration connectionTimeout) {
        this.dataSource = dataSource;
        this.storage = new Storage(Jdbi.create(dataSource), groupCommit);
        this.embeddedH2 = embeddedH2;
        this.applications = new JdbiApplications(storage);
        this.customerAccounts = new JdbiCustomerAccounts(storage);
        this.sessions = new JdbiSessions(storage, dialect);
        this.jdbi = Jdbi.create(dataSource);
        this.housekeeping = new JdbiSessionHousekeeping(jdbi, dialect);
        this.schemaVersion = schemaVersion;
        this.connectionTimeout = connectionTimeout;
    }

    /**
     * Connects, migrates the schema and returns the open database.
     *
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, null);
    }

    /**
     * As {@link #open(DatabaseSettings)}, with the connection pool's own meters ({@code hikaricp_*}) bound to
     * {@code meterRegistry}, a Micrometer {@code MeterRegistry} (typed loosely, as HikariCP does, so that
     * this module needs no Micrometer), or null for none.
     */
    public static Database open(DatabaseSettings settings, Object meterRegistry) {
        String url = JdbcUrls.effective(settings.jdbcUrl());
        boolean embeddedH2 = JdbcUrls.isH2File(url) || JdbcUrls.isH2Memory(url);
        if (url.startsWith("jdbc:h2:")) {
            bindH2ServersToLoopbackUnlessConfigured();
        }
        HikariDataSource dataSource = pool(settings, url, meterRegistry);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load();
            flyway.migrate();
            String schemaVersion = flyway.info().current().getVersion().getVersion();
            GroupCommit groupCommit = JdbcUrls.isH2File(url) ? GroupCommit.forEmbeddedFile() : GroupCommit.NOT_NEEDED;
            return new Database(dataSource, dialectOf(dataSource), embeddedH2, groupCommit, schemaVersion,
                    settings.connectionTimeout());
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

    @Override
    public void close() {
        dataSource.close();
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
