package dev.customertokens.adapters.persistence.postgres;

import dev.customertokens.application.port.out.StorageUnavailableException;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PreferQueryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * How the adapter connects to PostgreSQL: pgjdbc's settings for a pool of its own, and whether the
 * connections can carry a batch of rotations as one transaction.
 */
public final class PostgresConnections {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresConnections.class);
    private static final String POSTGRES = "jdbc:postgresql:";

    /** Far above any statement of ours (single-row reads and writes), far below a TCP timeout. */
    static final int SOCKET_TIMEOUT_SECONDS = 15;

    private PostgresConnections() {
    }

    /**
     * The driver's properties for a pool of ours on {@code url}; none unless it is PostgreSQL's. Without
     * them a half-open connection (a database host gone, not refusing) blocks a worker for the kernel's
     * TCP timeout, many minutes; parameters in the URL still win over these defaults.
     */
    public static Map<String, String> poolDefaults(String url, Duration connectionTimeout) {
        if (!url.startsWith(POSTGRES)) {
            return Map.of();
        }
        long connectSeconds = Math.max(1, connectionTimeout.toSeconds());
        return Map.of("connectTimeout", String.valueOf(connectSeconds),
                "socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS),
                "tcpKeepAlive", "true");
    }

    /**
     * Whether pgjdbc speaks the extended protocol, where a batch of rotations is one implicit transaction;
     * with {@code preferQueryMode=simple} in the URL each statement would commit alone.
     */
    public static boolean batchesCommitTogether(DataSource dataSource) {
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
}
