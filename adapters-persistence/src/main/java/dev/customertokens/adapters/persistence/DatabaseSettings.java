package dev.customertokens.adapters.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and how to pool connections to it.
 *
 * @param jdbcUrl           a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL; see {@link Database} for what is added to H2 URLs
 * @param user              may be null
 * @param password          may be null
 * @param poolSize          the most connections held open at once (size a blocking worker pool to match)
 * @param connectionTimeout the longest a call waits for a connection before the store counts as unavailable
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, Duration connectionTimeout) {

    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** HikariCP refuses anything shorter. */
    private static final Duration SHORTEST_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:h2: or jdbc:postgresql:");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        if (connectionTimeout.compareTo(SHORTEST_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connection timeout must be at least " + SHORTEST_CONNECTION_TIMEOUT.toMillis() + " ms");
        }
    }

    /** The given database with the default pool size and connection timeout. */
    public static DatabaseSettings of(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "null" : "***")
                + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
