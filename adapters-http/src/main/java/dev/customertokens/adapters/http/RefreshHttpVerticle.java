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
 * Serves the refresh endpoint on its own HTTP server. Deploy one instance per event loop to use every
 * core; instances share the listening port (a random one too, when the port is 0) and the storage
 * worker pool.
 */
public final class RefreshHttpVerticle extends VerticleBase {

    /** Shared by every instance in one Vert.x: the pool is sized to the connection pool, not per event loop. */
    static final String STORAGE_WORKERS = "customer-tokens-storage";

    /**
     * Vert.x binds a negative port to one random port shared by every server asking for the same negative
     * value, where port 0 would give each instance a port of its own, and clients would reach only one.
     */
    private static final int SHARED_RANDOM_PORT = -1;

    private final RefreshTokenUseCase useCase;
    private final HttpSettings settings;
    private final String jwks;
    private final RefreshMetrics metrics;
    private final Admission admission;
    private WorkerExecutor storageWorkers;
    private HttpServer server;

    /** Without meters, with an overload bound of its own. */
    public RefreshHttpVerticle(RefreshTokenUseCase useCase, HttpSettings settings) {
        this(useCase, settings, RefreshRoutes.NO_PUBLIC_KEYS, RefreshMetrics.none(), Admission.of(settings));
    }

    /** With the JWK Set document served at {@value RefreshRoutes#JWKS_PATH}, without meters. */
    public RefreshHttpVerticle(RefreshTokenUseCase useCase, HttpSettings settings, String jwks) {
        this(useCase, settings, jwks, RefreshMetrics.none(), Admission.of(settings));
    }

    /** With meters and an overload bound, and no public keys to serve (HS256). */
    public RefreshHttpVerticle(RefreshTokenUseCase useCase, HttpSettings settings, RefreshMetrics metrics,
                               Admission admission) {
        this(useCase, settings, RefreshRoutes.NO_PUBLIC_KEYS, metrics, admission);
    }

    /**
     * @param jwks      the JWK Set document served at {@value RefreshRoutes#JWKS_PATH}
     * @param metrics   the refresh meters, registered once for every instance
     * @param admission the overload bound, one for every instance: they share one worker pool
     */
    public RefreshHttpVerticle(RefreshTokenUseCase useCase, HttpSettings settings, String jwks, RefreshMetrics metrics,
                               Admission admission) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.jwks = Objects.requireNonNull(jwks, "jwks");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    /** The options the endpoint needs: the contract's header limit, and nothing listening beyond the configured host. */
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
        storageWorkers = vertx.createSharedWorkerExecutor(STORAGE_WORKERS, settings.workerPoolSize());
        server = vertx.createHttpServer(serverOptions(settings))
                .requestHandler(RefreshRoutes.router(vertx, useCase, storageWorkers, settings.supportedApiMajors(),
                        jwks, metrics, admission))
                .invalidRequestHandler(HttpFailureHandler::invalidRequest)
                .connectionHandler(admission::connected);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server.close().eventually(() -> storageWorkers.close());
    }

    /**
     * Graceful shutdown (CONTRACT 4.5): stops accepting connections at once, lets the requests in flight be
     * answered, and closes each connection when it has none, or when {@code grace} is over.
     */
    public Future<Void> shutdown(Duration grace) {
        admission.beginDraining();
        return server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Requests not answered yet, or storage work not finished, on every instance sharing this one's
     * admission: a graceful stop closes the connections only once this is 0.
     */
    public int unanswered() {
        return admission.openRequests() + admission.inFlight();
    }

    /** After the shutdown: requests that still reach any instance sharing this one's admission are not processed. */
    public void halt() {
        admission.halt();
    }

    /** The bound port, which differs from the configured one when that was 0. */
    public int actualPort() {
        return server.actualPort();
    }
}
