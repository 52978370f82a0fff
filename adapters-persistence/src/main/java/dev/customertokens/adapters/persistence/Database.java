package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.adapters.persistence.h2.ConnectionOpener;
import dev.customertokens.adapters.persistence.h2.FileBackup;
import dev.customertokens.adapters.persistence.h2.FileDurability;
import dev.customertokens.adapters.persistence.h2.FileServiceLock;
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
import dev.customertokens.adapters.persistence.repository.JdbiDpopProofReplays;
import dev.customertokens.adapters.persistence.repository.JdbiSessionHousekeeping;
import dev.customertokens.adapters.persistence.repository.JdbiSessions;
import dev.customertokens.adapters.persistence.repository.RefreshStatements;
import dev.customertokens.adapters.persistence.repository.Storage;
import dev.customertokens.adapters.persistence.repository.StorageFaults;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.DpopProofReplays;
import dev.customertokens.application.port.out.SessionHousekeeping;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * One database (H2 or PostgreSQL) behind the repository ports, opened on {@link DatabaseSettings}: the
 * facade of this adapter, and the only class that knows its internal packages. Its schema is brought up to
 * date by Flyway when it opens. Every write a repository acknowledges on an H2 file (embedded, or behind an H2
 * server) has reached the file. A database that cannot be reached within the connection timeout, or a lost
 * connection, is {@link StorageUnavailableException}; other SQL failures pass through, their messages free of SQL
 * and values.
 */
public final class Database implements AutoCloseable {

    private static final String ANY_APPLICATION = "SELECT 1 FROM applications FETCH FIRST 1 ROWS ONLY";
    private static final String ANY_CUSTOMER = "SELECT 1 FROM customer_accounts FETCH FIRST 1 ROWS ONLY";

    /** The pool this adapter opened, closed with it; null on a host's DataSource, which the host closes. */
    private final HikariDataSource ownPool;
    private final Storage storage;
    private final boolean embeddedH2;
    private final boolean h2File;
    private final Dialect dialect;
    private final Applications applications;
    private final CustomerAccounts customerAccounts;
    private final Sessions sessions;
    private final RefreshStatements refreshStatements;
    private final SessionHousekeeping housekeeping;
    private final DpopProofReplays dpopProofReplays;
    private final Jdbi jdbi;
    private final String schemaVersion;
    private final Duration connectionTimeout;
    /** Null unless this is an embedded file database. */
    private final FileDurability fileDurability;
    /** Null unless this is a service on an embedded file database. */
    private final FileServiceLock service;

    private Database(Opening opening, Dialect dialect, FileDurability fileDurability, FileServiceLock service,
                     String schemaVersion, Duration connectionTimeout, BatchMeters meters) {
        DataSource dataSource = opening.dataSource();
        this.ownPool = opening.ownPool();
        this.fileDurability = fileDurability;
        this.service = service;
        this.jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.storage = new Storage(jdbi, dataSource,
                fileDurability == null ? Durability.NOT_NEEDED : fileDurability.durability());
        this.housekeeping = new JdbiSessionHousekeeping(jdbi, dialect);
        this.schemaVersion = schemaVersion;
        this.connectionTimeout = connectionTimeout;
        this.h2File = H2Urls.isH2File(opening.url());
        this.embeddedH2 = h2File || H2Urls.isH2Memory(opening.url());
        this.dialect = dialect;
        this.applications = new JdbiApplications(storage, dialect);
        this.customerAccounts = new JdbiCustomerAccounts(storage, dialect);
        this.refreshStatements = dialect == Dialect.POSTGRESQL && PostgresConnections.batchesCommitTogether(dataSource)
                ? new PipelinedRefreshStatements(dataSource, connectionTimeout, meters.readBatches(),
                        meters.rotationBatches())
                : new DirectRefreshStatements(storage);
        this.sessions = new JdbiSessions(storage, dialect, refreshStatements);
        this.dpopProofReplays = new JdbiDpopProofReplays(storage, dialect);
    }

    /**
     * Connects (pooling the settings' URL, or on the host's DataSource), migrates the schema as the settings
     * say and returns the open database. An embedded H2 file that still has the settings' former password is
     * first given their password.
     *
     * @param settings where the database is and how to open it
     * @return the open database; the caller closes it
     * @throws StorageUnavailableException    when the database cannot be reached, or refuses both passwords
     * @throws ServiceAlreadyRunningException when the settings are a service's and another service has the
     *                                        embedded file open
     */
    public static Database open(DatabaseSettings settings) {
        // a URL's file is claimed before the pool opens it: a second service must not come to hold the file at all
        FileServiceLock service = settings.dataSource() == null
                ? claimService(settings, H2Urls.effective(settings.jdbcUrl())) : null;
        try {
            Opening opening = settings.dataSource() == null ? poolUrl(settings) : onHostsDataSource(settings.dataSource());
            if (service == null) {
                service = claimService(settings, opening.url());
            }
            return open(settings, opening, service);
        } catch (RuntimeException e) {
            if (service != null) {
                service.close();
            }
            throw e;
        }
    }

    private static Database open(DatabaseSettings settings, Opening opening, FileServiceLock service) {
        BatchMeters meters = BatchMeters.in(settings.meterRegistry());
        try {
            String schemaVersion = SchemaMigrations.bringUpToDate(opening.dataSource(),
                    settings.migration() == DatabaseSettings.Migration.WHEN_BEHIND);
            FileDurability fileDurability = fileDurability(opening, settings, meters);
            try {
                return new Database(opening, dialectOf(opening.dataSource()), fileDurability, service, schemaVersion,
                        settings.connectionTimeout(), meters);
            } catch (RuntimeException e) {
                if (fileDurability != null) {
                    fileDurability.close();
                }
                throw e;
            }
        } catch (RuntimeException e) {
            if (opening.ownPool() != null) {
                opening.ownPool().close();
            }
            throw StorageFaults.translate(e);
        }
    }

    /**
     * For a service on an embedded H2 file, the file's service lock; null for anything else.
     *
     * @throws ServiceAlreadyRunningException when another service holds it
     */
    private static FileServiceLock claimService(DatabaseSettings settings, String url) {
        if (!settings.service() || !H2Urls.isH2File(url)) {
            return null;
        }
        return FileServiceLock.tryClaim(url).orElseThrow(() -> new ServiceAlreadyRunningException(
                "another service already runs on this embedded database: " + FileServiceLock.holder(url)
                        + "; stop it first, or give this one another data folder"));
    }

    /** How an H2 file's writes become durable here; null for a database that needs nothing (PostgreSQL, memory). */
    private static FileDurability fileDurability(Opening opening, DatabaseSettings settings, BatchMeters meters) {
        boolean power = settings.embeddedDurability() == EmbeddedDurability.POWER;
        if (H2Urls.isH2File(opening.url())) {
            return FileDurability.choose(opening.url(), opening.ownConnections(), opening.dataSource(),
                    settings.connectionTimeout(), meters.durableWrites(), power);
        }
        if (H2Urls.isH2Server(opening.url())) {
            return FileDurability.throughServer(opening.ownConnections(), settings.connectionTimeout(),
                    meters.durableWrites(), power);
        }
        return null;
    }

    /**
     * The connections a database is opened on: the URL they reach (an H2 URL as completed), the pool this
     * adapter opened (null for a host's), and where the embedded file's own work gets its connections.
     */
    private record Opening(String url, DataSource dataSource, HikariDataSource ownPool,
                           ConnectionOpener ownConnections) {
    }

    private static Opening poolUrl(DatabaseSettings settings) {
        String url = H2Urls.effective(settings.jdbcUrl());
        if (url.startsWith("jdbc:h2:")) {
            H2BindAddress.loopbackUnlessConfigured();
        }
        if (settings.formerPassword() != null && H2Urls.isH2File(url)) {
            H2Passwords.adopt(url, settings.user(), settings.password(), settings.formerPassword());
        }
        HikariDataSource pool = ConnectionPool.open(settings, url,
                PostgresConnections.poolDefaults(url, settings.connectionTimeout()));
        // outside the pool: the embedded file's checkpoints must neither wait for a pooled connection nor hold one
        return new Opening(url, pool, pool, () -> DriverManager.getConnection(url, settings.user(), settings.password()));
    }

    /** The host's DataSource as it is: its URL, as its connections report it, tells which database it is. */
    private static Opening onHostsDataSource(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            Dialect.of(connection); // an unsupported database is refused before anything is migrated
            return new Opening(url == null ? "" : url, dataSource, null, dataSource::getConnection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }

    /**
     * The applications, in the {@code applications} table.
     *
     * @return the store, read on every call: put a {@code CachingApplications} in front for the refresh path
     */
    public Applications applications() {
        return applications;
    }

    /**
     * The customer accounts, in the {@code customer_accounts} table.
     *
     * @return the store
     */
    public CustomerAccounts customerAccounts() {
        return customerAccounts;
    }

    /**
     * The sessions; every write durable before it returns.
     *
     * @return the store, joined with the customer accounts for the refresh's read
     */
    public Sessions sessions() {
        return sessions;
    }

    /** How a refresh's statements reach this database. */
    RefreshStatements refreshStatements() {
        return refreshStatements;
    }

    /**
     * Housekeeping: deletes finished sessions in batches (CONTRACT 4.4).
     *
     * @return the deletions, safe to run from many nodes at once
     */
    public SessionHousekeeping housekeeping() {
        return housekeeping;
    }

    /**
     * The DPoP replay store.
     *
     * @return the {@code jti}s of accepted DPoP proofs, in the {@code dpop_proofs} table
     */
    public DpopProofReplays dpopProofReplays() {
        return dpopProofReplays;
    }

    /**
     * Readiness: whether the database answers within the connection timeout, its schema is not behind this build's
     * migrations, and (an embedded file) its journal can be written; a failing journal is tried again first.
     *
     * @return empty when ready, else what is wrong (never a credential)
     */
    public Optional<String> ping() {
        int seconds = (int) Math.max(1, connectionTimeout.toSeconds());
        Optional<String> journal = fileDurability == null ? Optional.empty() : fileDurability.problem();
        if (journal.isPresent()) {
            return journal;
        }
        try {
            return jdbi.withHandle(handle -> SchemaMigrations.behind(handle, seconds, schemaVersion));
        } catch (RuntimeException e) {
            return Optional.of(StorageFaults.translate(e) instanceof StorageUnavailableException
                    ? "the database cannot be reached" : "the database answered with an error");
        }
    }

    /**
     * The schema version this build migrated to.
     *
     * @return the version of the latest migration, such as {@code 9}
     */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * Whether the database holds no application and no customer account (a fresh one, ready for demo data).
     *
     * @return true when both tables are empty
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public boolean isEmpty() {
        return storage.withHandle(handle -> handle.createQuery(ANY_APPLICATION).mapTo(Integer.class).findOne().isEmpty()
                && handle.createQuery(ANY_CUSTOMER).mapTo(Integer.class).findOne().isEmpty());
    }

    /**
     * Whether this is an H2 database inside this process (a file or in-memory one), not a database server.
     *
     * @return true for an embedded file or in-memory H2 database, false for PostgreSQL
     */
    public boolean isEmbeddedH2() {
        return embeddedH2;
    }

    /**
     * Copies the embedded H2 file, online, into a new zip that H2 restores from ({@code docs/operations.md}): every
     * write acknowledged before this call began is in it. Blocks for as long as the copy takes.
     *
     * @param zip a new file, on this machine
     * @throws UnsupportedOperationException for any other database, naming what backs it up instead
     * @throws java.io.UncheckedIOException when {@code zip} exists or cannot be written
     * @throws StorageUnavailableException   when the database cannot be reached
     */
    public void backup(Path zip) {
        if (!h2File) {
            throw new UnsupportedOperationException(dialect == Dialect.POSTGRESQL
                    ? "PostgreSQL is backed up with its own tools: pg_dump for a logical copy, pg_basebackup with WAL "
                            + "archiving for a physical one (docs/postgresql.md)"
                    : "only an embedded H2 file is backed up by this adapter: an in-memory database has nothing to "
                            + "keep, and an H2 server's file is backed up on the server (BACKUP TO)");
        }
        try {
            jdbi.useHandle(handle -> FileBackup.write(handle.getConnection(), zip));
        } catch (SQLException e) {
            throw StorageFaults.translate(new IllegalStateException("the backup could not be written", e));
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    /** Whether this process compacts the embedded file while idle (it owns the file's journal). */
    boolean compactsFileWhileIdle() {
        return fileDurability != null && fileDurability.compactsWhileIdle();
    }

    /** Stops the adapter's work and closes its own pool; a host's DataSource stays open. */
    @Override
    public void close() {
        try {
            refreshStatements.close();
            if (fileDurability != null) {
                fileDurability.close();
            }
        } finally {
            if (ownPool != null) {
                ownPool.close();
            }
            if (service != null) {
                service.close();
            }
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
