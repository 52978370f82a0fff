package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.adapters.persistence.h2.ConnectionOpener;
import dev.customertokens.adapters.persistence.h2.FileDurability;
import dev.customertokens.adapters.persistence.h2.FileServiceLock;
import dev.customertokens.adapters.persistence.h2.H2BindAddress;
import dev.customertokens.adapters.persistence.h2.H2Passwords;
import dev.customertokens.adapters.persistence.h2.H2Urls;
import dev.customertokens.adapters.persistence.postgres.PostgresConnections;
import dev.customertokens.adapters.persistence.repository.Dialect;
import dev.customertokens.application.port.out.StorageUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The steps {@link Database#open} takes before it has a database: the embedded file's service lock, the
 * connections (the adapter's own pool on a URL, or the host's DataSource), the dialect, and how writes to an H2
 * file become durable here.
 */
final class DatabaseOpening {

    private DatabaseOpening() {
    }

    /**
     * For a service on an embedded H2 file, the file's service lock; null for anything else.
     *
     * @throws ServiceAlreadyRunningException when another service holds it
     */
    static FileServiceLock claimService(DatabaseSettings settings, String url) {
        if (!settings.service() || !H2Urls.isH2File(url)) {
            return null;
        }
        return FileServiceLock.tryClaim(url).orElseThrow(() -> new ServiceAlreadyRunningException(
                "another service already runs on this embedded database: " + FileServiceLock.holder(url)
                        + "; stop it first, or give this one another data folder"));
    }

    /** How an H2 file's writes become durable here; null for a database that needs nothing (PostgreSQL, memory). */
    static FileDurability fileDurability(Connections opening, DatabaseSettings settings, BatchMeters meters) {
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
    record Connections(String url, DataSource dataSource, HikariDataSource ownPool,
                           ConnectionOpener ownConnections) {
    }

    static Connections poolUrl(DatabaseSettings settings) {
        String url = H2Urls.effective(settings.jdbcUrl());
        if (url.startsWith("jdbc:h2:")) {
            H2BindAddress.loopbackUnlessConfigured();
        }
        Connection adopted = settings.formerPassword() != null && H2Urls.isH2File(url)
                ? H2Passwords.adopt(url, settings.user(), settings.password(), settings.formerPassword()) : null;
        HikariDataSource pool;
        try {
            pool = ConnectionPool.open(settings, url, PostgresConnections.poolDefaults(url, settings.connectionTimeout()));
        } finally {
            closeQuietly(adopted); // the pool's connections keep the database open now
        }
        // outside the pool: the embedded file's checkpoints must neither wait for a pooled connection nor hold one
        return new Connections(url, pool, pool, () -> DriverManager.getConnection(url, settings.user(), settings.password()));
    }

    /** The host's DataSource as it is: its URL, as its connections report it, tells which database it is. */
    static Connections onHostsDataSource(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            Dialect.of(connection); // an unsupported database is refused before anything is migrated
            return new Connections(url == null ? "" : url, dataSource, null, dataSource::getConnection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was written through it; the pool opened, or its own failure is the one to report
        }
    }

    static Dialect dialectOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(connection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }
}
