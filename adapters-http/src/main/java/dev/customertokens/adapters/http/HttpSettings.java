package dev.customertokens.adapters.http;

import java.util.Objects;
import java.util.Set;

/**
 * How the refresh endpoint listens and which clients it serves.
 *
 * @param supportedApiMajors the majors of {@code API-VERSION} that are accepted (CONTRACT 1.1)
 * @param workerPoolSize     threads that may block on storage at once; size it to the connection pool,
 *                           since a worker without a connection only waits
 */
public record HttpSettings(String host, int port, Set<Integer> supportedApiMajors, int workerPoolSize) {

    /** CONTRACT 1: request headers up to 16 KiB in all are read. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    public HttpSettings {
        Objects.requireNonNull(host, "host");
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
    }
}
