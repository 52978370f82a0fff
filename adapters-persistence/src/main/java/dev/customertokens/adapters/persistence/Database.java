package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.adapters.persistence.h2.FileBackup;
import dev.customertokens.adapters.persistence.h2.FileDurability;
import dev.customertokens.adapters.persistence.h2.FileServiceLock;
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

    private Database(DatabaseOpening.Connections opening, Dialect dialect, FileDurability fileDurability,
                     FileServiceLock service, String schemaVersion, Duration connectionTimeout, BatchMeters meters) {
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
                ? DatabaseOpening.claimService(settings, H2Urls.effective(settings.jdbcUrl())) : null;
        try {
            DatabaseOpening.Connections opening = settings.dataSource() == null ? DatabaseOpening.poolUrl(settings)
                    : DatabaseOpening.onHostsDataSource(settings.dataSource());
            if (service == null) {
                service = DatabaseOpening.claimService(settings, opening.url());
            }
            return open(settings, opening, service);
        } catch (RuntimeException e) {
            if (service != null) {
                service.close();
            }
            throw e;
        }
    }

    private static Database open(DatabaseSettings settings, DatabaseOpening.Connections opening,
                                 FileServiceLock service) {
        BatchMeters meters = BatchMeters.in(settings.meterRegistry());
        try {
            String schemaVersion = SchemaMigrations.bringUpToDate(opening.dataSource(),
                    settings.migration() == DatabaseSettings.Migration.WHEN_BEHIND);
            FileDurability fileDurability = DatabaseOpening.fileDurability(opening, settings, meters);
            try {
                return new Database(opening, DatabaseOpening.dialectOf(opening.dataSource()), fileDurability, service,
                        schemaVersion, settings.connectionTimeout(), meters);
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
}
