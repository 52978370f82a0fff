package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.RefreshTokenUseCase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Serves the refresh endpoint on its own HTTP server, as {@code serve} does: {@link RefreshRoutes#router}
 * on {@link #serverOptions}, with the invalid-request handler and a worker pool of its own. Deploy one
 * instance per event loop to use every core; instances share the listening port (a random one too, when
 * the port is 0), the worker pool, and the options' meters and overload bound.
 */
public final class RefreshHttpVerticle extends VerticleBase {

    /** Shared by every instance in one Vert.x: the pool is sized to the connection pool, not per event loop. */
    static final String STORAGE_WORKERS = "customer-tokens-storage";

    /**
     * Vert.x binds a negative port to one random port shared by every server asking for the same negative
     * value, where port 0 would give each instance a port of its own, and clients would reach only one.
     */
    private static final int SHARED_RANDOM_PORT = -1;

    /**
     * What the verticle serves. Start from {@link #of} and change what differs from its defaults; share
     * one value between the instances of a deployment, since they share its meters and overload bound.
     *
     * @param useCase   the refresh (CONTRACT 2), run on the verticle's worker pool
     * @param settings  where to listen, which API majors to accept, the worker pool and the overload bound
     * @param jwks      the JWK Set document served at {@value RefreshRoutes#JWKS_PATH}
     * @param metrics   the refresh meters, registered once for every instance
     * @param admission the overload bound, one for every instance: they share one worker pool
     */
    public record Options(RefreshTokenUseCase useCase, HttpSettings settings, String jwks, RefreshMetrics metrics,
                          Admission admission) {

        /**
         * Checks that everything is given.
         *
         * @param useCase   the refresh, not null
         * @param settings  the listener's settings, not null
         * @param jwks      the JWK Set document, not null
         * @param metrics   the refresh meters, not null
         * @param admission the overload bound, not null
         * @throws NullPointerException if any is null
         */
        public Options {
            Objects.requireNonNull(useCase, "useCase");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(jwks, "jwks");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(admission, "admission");
        }

        /**
         * No public keys to serve (HS256), no meters, and an overload bound of {@code settings}' own.
         *
         * @param useCase  the refresh
         * @param settings the listener's settings
         * @return the options
         */
        public static Options of(RefreshTokenUseCase useCase, HttpSettings settings) {
            return new Options(useCase, settings, RefreshRoutes.NO_PUBLIC_KEYS, RefreshMetrics.none(), Admission.of(settings));
        }

        /**
         * These options serving another JWK Set.
         *
         * @param jwks the document, as {@code JwtTokenCodec.jwks()} renders it
         * @return new options
         */
        public Options withJwks(String jwks) {
            return new Options(useCase, settings, jwks, metrics, admission);
        }

        /**
         * These options counting into other meters.
         *
         * @param metrics the refresh meters
         * @return new options
         */
        public Options withMetrics(RefreshMetrics metrics) {
            return new Options(useCase, settings, jwks, metrics, admission);
        }

        /**
         * These options with another overload bound, which should be sized to the settings' worker pool.
         *
         * @param admission the overload bound
         * @return new options
         */
        public Options withAdmission(Admission admission) {
            return new Options(useCase, settings, jwks, metrics, admission);
        }

        /**
         * The routes' options, the use case running on {@code workers}.
         *
         * @param workers the worker pool the use case runs on, not null
         * @return the options of {@link RefreshRoutes}
         */
        public RefreshRoutes.Options routes(WorkerExecutor workers) {
            return new RefreshRoutes.Options(useCase, settings.supportedApiMajors(), jwks, metrics, admission,
                    Objects.requireNonNull(workers, "workers"));
        }
    }

    private final Options options;
    private WorkerExecutor storageWorkers;
    private HttpServer server;

    /**
     * A verticle serving with {@code options}; deploy as many instances as event loops.
     *
     * @param options what it serves, one value shared by every instance
     */
    public RefreshHttpVerticle(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The options the endpoint needs: the contract's header limit, and nothing listening beyond the configured host.
     *
     * @param settings the listener's settings
     * @return new options, with a 120 s idle timeout; port 0 becomes one random port shared by every instance
     */
    public static HttpServerOptions serverOptions(HttpSettings settings) {
        return new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port() == 0 ? SHARED_RANDOM_PORT : settings.port())
                .setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES)
                .setTcpNoDelay(true)
                .setIdleTimeout(120);
    }

    @Override
    public Future<?> start() {
        storageWorkers = vertx.createSharedWorkerExecutor(STORAGE_WORKERS, options.settings().workerPoolSize());
        server = vertx.createHttpServer(serverOptions(options.settings()))
                .requestHandler(RefreshRoutes.router(vertx, options.routes(storageWorkers)))
                .invalidRequestHandler(HttpFailureHandler::invalidRequest)
                .connectionHandler(options.admission()::connected);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server.close().eventually(() -> storageWorkers.close());
    }

    /**
     * Graceful shutdown (CONTRACT 4.5): stops accepting connections at once, lets the requests in flight be
     * answered, and closes each connection when it has none, or when {@code grace} is over.
     *
     * @param grace the longest the requests in flight are given
     * @return completed once the server is shut down
     */
    public Future<Void> shutdown(Duration grace) {
        options.admission().beginDraining();
        return server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Requests not answered yet, or storage work not finished, on every instance sharing this one's
     * admission: a graceful stop closes the connections only once this is 0.
     *
     * @return {@link Admission#unanswered()}
     */
    public int unanswered() {
        return options.admission().unanswered();
    }

    /** After the shutdown: requests that still reach any instance sharing this one's admission are not processed. */
    public void halt() {
        options.admission().halt();
    }

    /**
     * The bound port, which differs from the configured one when that was 0.
     *
     * @return the port, once started
     */
    public int actualPort() {
        return server.actualPort();
    }
}
