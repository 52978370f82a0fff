package dev.customertokens.adapters.persistence;

import dev.customertokens.adapters.persistence.h2.H2Urls;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Database#open} reaches the database, built with {@link #builder()} and checked when built: a JDBC
 * URL, which the adapter pools itself, or a host's {@link DataSource}, which it uses as it is and never closes.
 * {@link #toString()} never shows a password.
 *
 * @param jdbcUrl           a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL, or null when a DataSource is given.
 *                          Unless the URL names them, an embedded H2 file gets {@code AUTO_SERVER=TRUE} (its
 *                          server listens on 127.0.0.1 unless {@code h2.bindAddress} says otherwise),
 *                          {@code COMPRESS=TRUE} and {@code RETENTION_TIME=0}, an in-memory one
 *                          {@code DB_CLOSE_DELAY=-1}
 * @param user              the user the URL's database knows; may be null
 * @param password          the user's password; may be null
 * @param poolSize          the most connections the adapter's pool holds (size a blocking worker pool to match);
 *                          a host's DataSource has its own limits
 * @param connectionTimeout the longest a call waits for a connection before the store counts as unavailable
 * @param dataSource        the host's connections, or null to pool the URL; the host configures them (an H2 URL
 *                          and H2's system properties are its own), and an embedded H2 file holds one of them
 *                          for its checkpoints
 * @param formerPassword    a password an embedded H2 file may still have, replaced by {@code password} when it
 *                          opens (e.g. the empty one of a file created before it had one); null for none,
 *                          ignored for any other URL, refused with a DataSource
 * @param meterRegistry     where HikariCP's meters ({@code hikaricp_*}, when the adapter pools) and the adapter's
 *                          batch sizes go; null for none
 * @param migration         when Flyway runs
 * @param embeddedDurability what a write acknowledged on an embedded H2 file survives; ignored for any other database
 * @param service           whether this process serves refreshes on the database: on an embedded H2 file only one
 *                          such process may have it open at a time, and a second is refused when it opens, with a
 *                          message naming the first (commands run beside it are not services)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, Duration connectionTimeout,
                               DataSource dataSource, String formerPassword, MeterRegistry meterRegistry,
                               Migration migration, EmbeddedDurability embeddedDurability, boolean service) {

    /** The adapter's pool size unless one is given. */
    public static final int DEFAULT_POOL_SIZE = 16;
    /** The connection timeout unless one is given. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** What a write on an embedded file survives unless told otherwise. */
    public static final EmbeddedDurability DEFAULT_EMBEDDED_DURABILITY = EmbeddedDurability.PROCESS;
    /** HikariCP refuses anything shorter. */
    private static final Duration SHORTEST_CONNECTION_TIMEOUT = Duration.ofMillis(250);

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

    /**
     * Checks the settings; {@link Builder#build()} says what it refuses.
     *
     * @param jdbcUrl           a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL, or null with a DataSource
     * @param user              the user, or null; null with a DataSource
     * @param password          the password, or null; null with a DataSource
     * @param poolSize          the adapter's pool size, at least 1 (unused with a DataSource)
     * @param connectionTimeout at least 250 ms, not null
     * @param dataSource        the host's connections, or null with a URL
     * @param formerPassword    an embedded H2 file's former password, or null; null with a DataSource
     * @param meterRegistry     where the meters go, or null
     * @param migration         when Flyway runs, not null
     * @param embeddedDurability what a write on an embedded H2 file survives, not null
     * @param service           whether this process serves refreshes (one at a time on an embedded H2 file)
     * @throws NullPointerException     if {@code connectionTimeout}, {@code migration} or {@code embeddedDurability}
     *                                  is null, or neither a
     *                                  URL nor a DataSource is given
     * @throws IllegalArgumentException if a setting is out of range, or a URL and a DataSource (or a DataSource
     *                                  and credentials) are given together
     */
    public DatabaseSettings {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(embeddedDurability, "embeddedDurability");
        if (dataSource == null) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("database URL must start with jdbc:h2: or jdbc:postgresql:");
            }
            H2Urls.check(jdbcUrl);
        } else if (jdbcUrl != null) {
            throw new IllegalArgumentException("a database URL or a DataSource, not both");
        } else if (user != null || password != null || formerPassword != null) {
            throw new IllegalArgumentException("a DataSource brings its own credentials: no user, password or "
                    + "former password with it");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        if (connectionTimeout.compareTo(SHORTEST_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connection timeout must be at least " + SHORTEST_CONNECTION_TIMEOUT.toMillis() + " ms");
        }
    }

    /**
     * The given database with the defaults for everything else.
     *
     * @param jdbcUrl  a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL, not null
     * @param user     the user, or null
     * @param password the password, or null
     * @return the checked settings
     * @throws NullPointerException     if {@code jdbcUrl} is null
     * @throws IllegalArgumentException if {@code jdbcUrl} is of another database
     */
    public static DatabaseSettings of(String jdbcUrl, String user, String password) {
        return builder().jdbcUrl(jdbcUrl).user(user).password(password).build();
    }

    /**
     * Settings with the default pool size and connection timeout, Flyway always, no meters, not a service.
     *
     * @return a new builder, to be given a URL or a DataSource
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings, to change some of them.
     *
     * @return a new builder with every setting of this one
     */
    public Builder toBuilder() {
        Builder builder = builder().jdbcUrl(jdbcUrl).user(user).password(password).connectionTimeout(connectionTimeout)
                .formerPassword(formerPassword).meterRegistry(meterRegistry).migration(migration).embeddedDurability(embeddedDurability)
                .service(service);
        return dataSource == null ? builder.poolSize(poolSize) : builder.dataSource(dataSource);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + withoutCredentials(jdbcUrl) + ", user=" + user + ", password=" + masked(password)
                + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout
                + ", dataSource=" + typeOf(dataSource) + ", formerPassword=" + masked(formerPassword)
                + ", meterRegistry=" + typeOf(meterRegistry) + ", migration=" + migration
                + ", embeddedDurability=" + embeddedDurability + ", service=" + service + "]";
    }

    /**
     * {@code url} without the credentials it may carry ({@code user:password@}, {@code password=}), for logs.
     *
     * @param url a JDBC URL, or null
     * @return the URL with each credential replaced by {@code ***}; null for null
     */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?<=//)[^/@?;]*@", "***@")
                .replaceAll("(?i)((?:password|pwd|passwd|sslpassword|sslkeypassword)=)[^&;]*", "$1***");
    }

    private static String masked(String secret) {
        return secret == null ? "null" : "***";
    }

    /** A DataSource's own text may name its URL, and that URL its credentials. */
    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private String password;
        private Integer poolSize;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private DataSource dataSource;
        private String formerPassword;
        private MeterRegistry meterRegistry;
        private Migration migration = Migration.ALWAYS;
        private EmbeddedDurability embeddedDurability = DEFAULT_EMBEDDED_DURABILITY;
        private boolean service;

        private Builder() {
        }

        /**
         * The database to pool, a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL.
         *
         * @param jdbcUrl the URL; checked by {@link #build()}
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**
         * The user the URL's database knows; may be null.
         *
         * @param user the user, or null
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * The user's password; may be null.
         *
         * @param password the password, or null
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * The host's connections, instead of a URL: the adapter neither pools nor closes them.
         *
         * @param dataSource the host's connections, bringing their own credentials and limits
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * The most connections the adapter's own pool holds, {@value #DEFAULT_POOL_SIZE} by default.
         *
         * @param poolSize at least 1; refused by {@link #build()} with a DataSource
         * @return this builder
         */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /**
         * The longest a call waits for a connection, {@link #DEFAULT_CONNECTION_TIMEOUT} by default.
         *
         * @param connectionTimeout at least 250 ms
         * @return this builder
         */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        /**
         * The password an embedded H2 file may still have; null for none.
         *
         * @param formerPassword the former password, or null
         * @return this builder
         */
        public Builder formerPassword(String formerPassword) {
            this.formerPassword = formerPassword;
            return this;
        }

        /**
         * Where the meters go; null for none.
         *
         * @param meterRegistry the registry, or null
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * When Flyway runs, {@link Migration#ALWAYS} by default.
         *
         * @param migration when Flyway runs
         * @return this builder
         */
        public Builder migration(Migration migration) {
            this.migration = migration;
            return this;
        }

        /**
         * What a write on an embedded H2 file survives.
         *
         * @param embeddedDurability the mode; {@link #DEFAULT_EMBEDDED_DURABILITY} unless set
         * @return this builder
         */
        public Builder embeddedDurability(EmbeddedDurability embeddedDurability) {
            this.embeddedDurability = embeddedDurability;
            return this;
        }

        /**
         * Whether this process serves refreshes (on an embedded H2 file, the only one that may); false by default.
         *
         * @param service true for a service, false for a command or a tool beside one
         * @return this builder
         */
        public Builder service(boolean service) {
            this.service = service;
            return this;
        }

        /**
         * The settings, checked.
         *
         * @return the settings
         * @throws IllegalArgumentException when a setting is out of range, or a URL and a DataSource (or a
         *                                  DataSource and a pool size or credentials) are given together
         * @throws NullPointerException     when neither a URL nor a DataSource is given
         */
        public DatabaseSettings build() {
            if (dataSource != null && poolSize != null) {
                throw new IllegalArgumentException("a DataSource brings its own pool: no pool size with it");
            }
            return new DatabaseSettings(jdbcUrl, user, password, poolSize == null ? DEFAULT_POOL_SIZE : poolSize,
                    connectionTimeout, dataSource, formerPassword, meterRegistry, migration, embeddedDurability, service);
        }
    }
}
