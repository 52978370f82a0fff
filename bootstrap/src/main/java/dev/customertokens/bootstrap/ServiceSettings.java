package dev.customertokens.bootstrap;

import dev.customertokens.adapters.http.AdminRoutes;
import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.adapters.persistence.DatabaseSettings;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link HttpService} listens and runs (CONTRACT 3 and 4): the public listener (the HTTP adapter's own record),
 * the management listener, housekeeping and the shutdown grace. Made by {@link #builder()}, with the command line's
 * defaults and messages.
 *
 * @param http           the public listener: host, port, API majors, worker pool and overload bound
 * @param managementHost the management listener's address
 * @param managementPort {@value #MANAGEMENT_OFF} when the management listener is off, 0 for a free port
 * @param adminToken     the bearer token of the admin API (CONTRACT 5), or null when it is off
 * @param purgeInterval  how often housekeeping runs; zero when it is off
 * @param shutdownGrace  how long requests in flight may take to be answered at shutdown
 */
public record ServiceSettings(HttpSettings http, String managementHost, int managementPort, String adminToken,
                              Duration purgeInterval, Duration shutdownGrace) {

    /** The management port that turns the management listener off. */
    public static final int MANAGEMENT_OFF = -1;

    /**
     * Checks that the parts are given; {@link Builder#build()} checks the values.
     *
     * @param http           the public listener, not null
     * @param managementHost the management listener's address, not null
     * @param managementPort its port, {@value #MANAGEMENT_OFF} for off
     * @param adminToken     the admin token, or null
     * @param purgeInterval  the housekeeping interval, not null
     * @param shutdownGrace  the shutdown grace, not null
     * @throws NullPointerException if a part that may not be null is
     */
    public ServiceSettings {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(managementHost, "managementHost");
        Objects.requireNonNull(purgeInterval, "purgeInterval");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    }

    /**
     * A builder with the command line's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the management listener runs.
     *
     * @return false when the port is {@value #MANAGEMENT_OFF}
     */
    public boolean managementEnabled() {
        return managementPort != MANAGEMENT_OFF;
    }

    /**
     * Whether housekeeping runs on a timer.
     *
     * @return false when the purge interval is zero
     */
    public boolean housekeepingEnabled() {
        return !purgeInterval.isZero();
    }

    /** Never shows the admin token. */
    @Override
    public String toString() {
        return "ServiceSettings[http=" + http + ", managementHost=" + managementHost + ", managementPort="
                + managementPort + ", adminToken=" + (adminToken == null ? null : "***") + ", purgeInterval="
                + purgeInterval + ", shutdownGrace=" + shutdownGrace + "]";
    }

    /** Every setting of the service, with the command line's defaults; checked by {@link #build()}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Set<Integer> apiVersions = Set.of(4, 5);
        private int workerPoolSize = DatabaseSettings.DEFAULT_POOL_SIZE;
        private int maxQueuedRequests = HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS;
        private Duration queueDeadline = HttpSettings.DEFAULT_QUEUE_DEADLINE;
        private String managementHost = "127.0.0.1";
        private int managementPort = 9000;
        private String adminToken;
        private Duration purgeInterval = Duration.ofMinutes(60);
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * The public listener's address (default {@code 127.0.0.1}).
         *
         * @param host the address; checked by {@link #build()}
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * The public listener's port (default 8080); 0 picks a free port.
         *
         * @param port 0 to 65535; checked by {@link #build()}
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The supported majors of {@code API-VERSION} (default 4 and 5).
         *
         * @param majors at least one, none negative; checked by {@link #build()}
         * @return this builder
         */
        public Builder apiVersions(List<Integer> majors) {
            this.apiVersions = new LinkedHashSet<>(majors);
            return this;
        }

        /**
         * Threads that may block on the database at once: size it to the database pool (default 16).
         *
         * @param threads at least 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder workerPoolSize(int threads) {
            this.workerPoolSize = threads;
            return this;
        }

        /**
         * Requests that may wait for a worker beyond those running; more answer 503 (default 256).
         *
         * @param requests zero or more; checked by {@link #build()}
         * @return this builder
         */
        public Builder maxQueuedRequests(int requests) {
            this.maxQueuedRequests = requests;
            return this;
        }

        /**
         * The longest a request waits for a worker before it answers 503 (default 1 s).
         *
         * @param deadline at least 1 ms, not null
         * @return this builder
         */
        public Builder queueDeadline(Duration deadline) {
            this.queueDeadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        /**
         * The management listener's address (default {@code 127.0.0.1}).
         *
         * @param host the address; checked by {@link #build()}
         * @return this builder
         */
        public Builder managementHost(String host) {
            this.managementHost = host;
            return this;
        }

        /**
         * 0 picks a free port, {@value #MANAGEMENT_OFF} turns the management listener off (default 9000).
         *
         * @param port {@value #MANAGEMENT_OFF} to 65535, not the public port on the same host; checked by
         *             {@link #build()}
         * @return this builder
         */
        public Builder managementPort(int port) {
            this.managementPort = port;
            return this;
        }

        /**
         * The admin API's bearer token, at least 32 characters; null (the default) turns the admin API off.
         *
         * @param token the token, stripped; null or blank turns the admin API off
         * @return this builder
         */
        public Builder adminToken(String token) {
            this.adminToken = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /**
         * How often housekeeping runs (default 60 minutes; zero turns it off).
         *
         * @param interval zero or positive, not null
         * @return this builder
         */
        public Builder purgeInterval(Duration interval) {
            this.purgeInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * How long requests in flight may take to be answered at shutdown (default 10 s).
         *
         * @param grace zero or positive, not null
         * @return this builder
         */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * The settings, checked with the command line's messages.
         *
         * @return the settings
         * @throws ConfigurationException naming the first setting that cannot work
         */
        public ServiceSettings build() {
            if (port < 0 || port > 65_535) {
                throw new ConfigurationException("--port must be between 0 and 65535, not " + port);
            }
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("--host must not be empty");
            }
            if (apiVersions.isEmpty() || apiVersions.stream().anyMatch(v -> v == null || v < 0)) {
                throw new ConfigurationException("--api-versions must list at least one major version, such as 4,5");
            }
            if (managementHost == null || managementHost.isBlank()) {
                throw new ConfigurationException("--management-host must not be empty");
            }
            if (managementPort < MANAGEMENT_OFF || managementPort > 65_535) {
                throw new ConfigurationException("--management-port must be between 0 and 65535, or -1 to turn it "
                        + "off, not " + managementPort);
            }
            if (managementPort > 0 && managementPort == port && managementHost.strip().equals(host.strip())) {
                throw new ConfigurationException("--management-port must differ from --port: the management listener "
                        + "is never the public one");
            }
            if (purgeInterval.isNegative()) {
                throw new ConfigurationException("--purge-interval-minutes must not be negative (0 turns housekeeping off)");
            }
            if (shutdownGrace.isNegative()) {
                throw new ConfigurationException("--shutdown-grace-seconds must not be negative");
            }
            if (maxQueuedRequests < 0) {
                throw new ConfigurationException("--max-queued-requests must not be negative");
            }
            if (queueDeadline.toMillis() < 1) {
                throw new ConfigurationException("--queue-deadline-millis must be at least 1");
            }
            if (workerPoolSize < 1) {
                throw new ConfigurationException("workerPoolSize must be at least 1, not " + workerPoolSize);
            }
            if (adminToken != null && adminToken.length() < AdminRoutes.MINIMUM_TOKEN_LENGTH) {
                throw new ConfigurationException("--admin-token (CUSTOMER_TOKENS_ADMIN_TOKEN) must be at least "
                        + AdminRoutes.MINIMUM_TOKEN_LENGTH + " characters long: a shorter one can be guessed");
            }
            HttpSettings http = new HttpSettings(host.strip(), port, apiVersions, workerPoolSize, maxQueuedRequests,
                    queueDeadline);
            return new ServiceSettings(http, managementHost.strip(), managementPort, adminToken, purgeInterval,
                    shutdownGrace);
        }
    }
}
