package dev.customertokens.adapters.persistence.repository;

import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.jdbi.v3.core.ConnectionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a store that cannot be reached (no connection within the pool's timeout, a refused or lost
 * connection) from every other failure: the first becomes {@link StorageUnavailableException}, the rest
 * stay as they are.
 */
public final class StorageFaults {

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private StorageFaults() {
    }

    public static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StorageUnavailableException) {
            return failure;
        }
        return isUnavailable(failure) ? new StorageUnavailableException("the database cannot be reached", failure) : failure;
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof ConnectionException
                    || t instanceof PoolInitializationException) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLState class 08 (connection exception), and PostgreSQL's 57P01 to 57P03: the server is shutting
     * down, has crashed, or does not accept connections yet.
     */
    private static boolean isUnavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
    }
}
