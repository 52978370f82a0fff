package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.customertokens.adapters.persistence.repository.StorageFaults;

import java.sql.SQLException;
import java.util.Map;

/**
 * The HikariCP pool the adapter opens for a JDBC URL, in autocommit mode, bounded by the settings' size
 * and connection timeout; HikariCP's own meters ({@code hikaricp_*}) go to the settings' registry.
 */
final class ConnectionPool {

    private static final String NAME = "customer-tokens";
    /** The longest HikariCP's check of a connection it hands out may take. */
    private static final long LONGEST_VALIDATION_MILLIS = 5_000;

    private ConnectionPool() {
    }

    /**
     * @param url              the URL as completed for this adapter
     * @param driverProperties set on the driver's data source, unless the URL names them
     * @throws dev.customertokens.application.port.out.StorageUnavailableException when the database cannot be reached
     */
    static HikariDataSource open(DatabaseSettings settings, String url, Map<String, String> driverProperties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(NAME);
        if (settings.meterRegistry() != null) {
            config.setMetricRegistry(settings.meterRegistry());
        }
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), LONGEST_VALIDATION_MILLIS));
        config.setAutoCommit(true);
        config.setExceptionOverride(new EvictUnreachable());
        driverProperties.forEach(config::addDataSourceProperty);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    /**
     * A connection that failed as the store's being unreachable leaves the pool at once. HikariCP evicts on SQL
     * states of class 08 only; H2 reports a session closed under it (its server's process died, its store failed)
     * otherwise, and a busy pool would hand that connection out again and again without checking it.
     */
    private static final class EvictUnreachable implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException failure) {
            return StorageFaults.isUnavailable(failure) ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }
}
