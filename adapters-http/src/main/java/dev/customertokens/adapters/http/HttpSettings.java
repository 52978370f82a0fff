package dev.customertokens.adapters.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the refresh endpoint listens and which clients it serves.
 *
 * @param host               the address to listen on, such as {@code 127.0.0.1}
 * @param port               the port to listen on; 0 picks a free one
 * @param supportedApiMajors the majors of {@code API-VERSION} that are accepted (CONTRACT 1.1)
 * @param workerPoolSize     threads that may block on storage at once; size it to the connection pool,
 *                           since a worker without a connection only waits
 * @param maxQueuedRequests  requests that may wait for a worker beyond those running (CONTRACT 4.7); more answer 503
 * @param queueDeadline      the longest a request may wait for a worker before it answers 503 instead
 */
public record HttpSettings(String host, int port, Set<Integer> supportedApiMajors, int workerPoolSize,
                           int maxQueuedRequests, Duration queueDeadline) {

    /** CONTRACT 1: request headers up to 16 KiB in all are read. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** The queue bound unless one is given (CONTRACT 4.7). */
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 256;
    /** The queue deadline unless one is given (CONTRACT 4.7). */
    public static final Duration DEFAULT_QUEUE_DEADLINE = Duration.ofMillis(1_000);

    /**
     * Checks the settings and keeps an unmodifiable copy of the majors.
     *
     * @param host               the address to listen on, not null
     * @param port               0 to 65535
     * @param supportedApiMajors at least one major, not null
     * @param workerPoolSize     at least 1
     * @param maxQueuedRequests  zero or more
     * @param queueDeadline      positive, not null
     * @throws NullPointerException     if {@code host}, {@code supportedApiMajors} or {@code queueDeadline} is null
     * @throws IllegalArgumentException if a setting is out of its range
     */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueDeadline, "queueDeadline");
        supportedApiMajors = Set.copyOf(supportedApiMajors);
        if (supportedApiMajors.isEmpty()) {
            throw new IllegalArgumentException("at least one API major version must be supported");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (workerPoolSize < 1) {
            throw new IllegalArgumentException("workerPoolSize must be at least 1, not " + workerPoolSize);
        }
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must not be negative, not " + maxQueuedRequests);
        }
        if (queueDeadline.isNegative() || queueDeadline.isZero()) {
            throw new IllegalArgumentException("queueDeadline must be positive");
        }
    }

    /**
     * With the default queue bound and deadline.
     *
     * @param host               the address to listen on, not null
     * @param port               0 to 65535
     * @param supportedApiMajors at least one major, not null
     * @param workerPoolSize     at least 1
     * @throws NullPointerException     if {@code host} or {@code supportedApiMajors} is null
     * @throws IllegalArgumentException if a setting is out of its range
     */
    public HttpSettings(String host, int port, Set<Integer> supportedApiMajors, int workerPoolSize) {
        this(host, port, supportedApiMajors, workerPoolSize, DEFAULT_MAX_QUEUED_REQUESTS, DEFAULT_QUEUE_DEADLINE);
    }
}
