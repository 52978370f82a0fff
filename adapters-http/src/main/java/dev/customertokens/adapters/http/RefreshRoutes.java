package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code GET /api/customers/refresh} (CONTRACT 1) and the JWKS (2.4) as Vert.x Web routes: the request
 * rules, the use case on a worker thread behind the overload bound (4.7), the meters (4.2) and the
 * access log (4.6). Either a router of its own ({@link #router}, what {@code serve} runs) or added to a
 * router the host owns ({@link #mount}); on these two paths both answer alike.
 */
public final class RefreshRoutes {

    /** The refresh endpoint's path. */
    public static final String PATH = "/api/customers/refresh";

    /** The public keys that verify issued tokens (CONTRACT 2.4), for services that check tokens themselves. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    /** The JWK Set of a deployment without public keys (HS256). */
    public static final String NO_PUBLIC_KEYS = "{\"keys\":[]}";

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    /** The keys change only at a rotation, which keeps the old key published for far longer than this. */
    private static final CharSequence PUBLIC_FIVE_MINUTES = HttpHeaders.createOptimized("public, max-age=300");
    private static final String REPLAYED_KEY = "customer-tokens.replayed";

    /**
     * What the endpoint needs. Start from {@link #of} and change what differs from its defaults.
     *
     * @param useCase            the refresh (CONTRACT 2), which blocks on storage
     * @param supportedApiMajors the majors of {@code API-VERSION} that are accepted (CONTRACT 1.1)
     * @param jwks               the JWK Set document (RFC 7517) served at {@value #JWKS_PATH}, as the
     *                           token codec renders it
     * @param metrics            the refresh meters (CONTRACT 4.2)
     * @param admission          the overload bound on {@code workers} (CONTRACT 4.7), one for every router
     *                           that uses those workers; also what a graceful stop watches
     * @param workers            where the use case runs, since it blocks on storage; size it to the
     *                           connection pool. Null: Vert.x's default worker pool
     */
    public record Options(RefreshTokenUseCase useCase, Set<Integer> supportedApiMajors, String jwks,
                          RefreshMetrics metrics, Admission admission, WorkerExecutor workers) {

        /**
         * Checks the options and keeps an unmodifiable copy of the majors.
         *
         * @param useCase            the refresh, not null
         * @param supportedApiMajors the accepted majors, not null
         * @param jwks               the JWK Set document, not null
         * @param metrics            the refresh meters, not null
         * @param admission          the overload bound, not null
         * @param workers            the worker pool, or null for Vert.x's default one
         * @throws NullPointerException if an option other than {@code workers} is null
         */
        public Options {
            Objects.requireNonNull(useCase, "useCase");
            supportedApiMajors = Set.copyOf(supportedApiMajors);
            Objects.requireNonNull(jwks, "jwks");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(admission, "admission");
        }

        /**
         * No public keys, no meters, Vert.x's default worker pool, and an overload bound of the default
         * queue and deadline behind one thread: pass your own {@link Admission} sized to your workers.
         *
         * @param useCase            the refresh
         * @param supportedApiMajors the majors of {@code API-VERSION} accepted
         * @return the options
         */
        public static Options of(RefreshTokenUseCase useCase, Set<Integer> supportedApiMajors) {
            return new Options(useCase, supportedApiMajors, NO_PUBLIC_KEYS, RefreshMetrics.none(),
                    new Admission(1, HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS, HttpSettings.DEFAULT_QUEUE_DEADLINE,
                            System::nanoTime), null);
        }

        /**
         * These options serving another JWK Set.
         *
         * @param jwks the document, as {@code JwtTokenCodec.jwks()} renders it
         * @return new options
         */
        public Options withJwks(String jwks) {
            return new Options(useCase, supportedApiMajors, jwks, metrics, admission, workers);
        }

        /**
         * These options counting into other meters.
         *
         * @param metrics the refresh meters
         * @return new options
         */
        public Options withMetrics(RefreshMetrics metrics) {
            return new Options(useCase, supportedApiMajors, jwks, metrics, admission, workers);
        }

        /**
         * These options with another overload bound, which should be sized to the workers.
         *
         * @param admission the overload bound, shared by every router on the same workers
         * @return new options
         */
        public Options withAdmission(Admission admission) {
            return new Options(useCase, supportedApiMajors, jwks, metrics, admission, workers);
        }

        /**
         * These options running the use case on other workers.
         *
         * @param workers the worker pool, sized to the connection pool; null for Vert.x's default one
         * @return new options
         */
        public Options withWorkers(WorkerExecutor workers) {
            return new Options(useCase, supportedApiMajors, jwks, metrics, admission, workers);
        }
    }

    private final RefreshTokenUseCase useCase;
    private final WorkerExecutor workers;
    private final RefreshRequestReader reader;
    private final RefreshMetrics metrics;
    private final Admission admission;
    private final Buffer jwks;
    private final HttpFailureHandler failures = HttpFailureHandler.refreshListener();

    private RefreshRoutes(Options options) {
        this.useCase = options.useCase();
        this.workers = options.workers();
        this.reader = new RefreshRequestReader(options.supportedApiMajors());
        this.metrics = options.metrics();
        this.admission = options.admission();
        this.jwks = Buffer.buffer(options.jwks());
    }

    /**
     * A router that serves these two paths and nothing else: every other path answers 404
     * {@code route_not_found}, a path it cannot decode too, in the envelope, and every request is
     * logged. What {@link RefreshHttpVerticle} serves.
     *
     * @param vertx   the Vert.x the router runs on
     * @param options what the endpoint needs
     * @return a new router, for a server with {@link RefreshHttpVerticle#serverOptions}
     */
    public static Router router(Vertx vertx, Options options) {
        RefreshRoutes routes = new RefreshRoutes(options);
        Router router = Router.router(vertx);
        router.route().handler(routes::begin);
        routes.addEndpoints(router);
        router.route().handler(routes.failures::routeNotFound);
        router.route().failureHandler(routes.failures);
        // a path the router cannot even decode (e.g. "%zz") fails while routes are matched, before any route
        router.errorHandler(400, routes.failures::routeNotFound);
        router.errorHandler(500, routes.failures);
        return router;
    }

    /**
     * Adds {@code GET} {@value #PATH} and {@code GET} {@value #JWKS_PATH} to a router the host owns,
     * beside its own routes, with the same answers as {@code serve} gives on these two paths: the
     * common headers, every error of CONTRACT 1.4 that the router decides, 405 with {@code Allow} for
     * other methods, the meters, the overload bound and the access log. Nothing of ours touches another
     * path: the host's own 404, failure and body handlers keep answering there. On our two paths our
     * first handler and our failure handler come before any route of the host's; mount before adding a
     * catch-all route of your own, or give it {@code Route.last()}.
     *
     * <p>The host keeps its server, and sets there what {@code serve} sets on its own:
     * {@code HttpServerOptions.setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES)} and
     * {@code invalidRequestHandler(HttpFailureHandler::invalidRequest)}, which answers 431
     * {@code headers_too_large} past the 16 KiB header limit; and an idle timeout
     * ({@code serve} closes a connection idle for 120 s).
     *
     * <p>To stop gracefully: call {@code options.admission().beginDraining()} (every answer then says
     * {@code Connection: close}), shut the server down, and close the connections, the worker pool and
     * the database only once {@code options.admission().unanswered()} is 0, or the grace is over: a
     * rotation may be done on a worker whose answer is still on its way.
     *
     * @param router  the host's router
     * @param options what the endpoint needs
     */
    public static void mount(Router router, Options options) {
        RefreshRoutes routes = new RefreshRoutes(options);
        Handler<RoutingContext> failures = routes.failures.onMountedPaths();
        HostRouter.ahead(router, PATH).failureHandler(failures).handler(routes::begin);
        HostRouter.ahead(router, JWKS_PATH).failureHandler(failures).handler(routes::begin);
        routes.addEndpoints(router);
    }

    private void addEndpoints(Router router) {
        router.get(PATH).handler(this::refresh);
        router.route(PATH).handler(ctx ->
                HttpFailureHandler.methodNotAllowed(ctx, "GET", "Only GET is allowed on " + PATH));
        router.get(JWKS_PATH).handler(ctx -> ctx.response()
                .putHeader(Responses.CONTENT_TYPE, JSON)
                .putHeader(Responses.CACHE_CONTROL, PUBLIC_FIVE_MINUTES)
                .end(jwks));
        router.route(JWKS_PATH).handler(ctx ->
                HttpFailureHandler.methodNotAllowed(ctx, "GET", "Only GET is allowed on " + JWKS_PATH));
    }

    private void begin(RoutingContext ctx) {
        if (Responses.begin(ctx, this::answered)) {
            admission.requestStarted();
            ctx.response().headersEndHandler(headers -> {
                if (admission.draining()) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                }
            });
        }
        ctx.next();
    }

    /** The meters for the refresh endpoint's own answers; the access log follows. */
    private void answered(RoutingContext ctx, long nanos) {
        admission.requestEnded();
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.GET || !PATH.equals(request.path())) {
            return;
        }
        if (ctx.response().getStatusCode() != 200) {
            String error = ctx.get(Responses.ERROR_KEY);
            metrics.refused(error == null ? "" : error, nanos);
        } else if (Boolean.TRUE.equals(ctx.get(REPLAYED_KEY))) {
            metrics.replayed(nanos);
        } else {
            metrics.rotated(nanos);
        }
    }

    private void refresh(RoutingContext ctx) {
        if (admission.refuses(ctx.request().connection())) {
            // the client sees a connection closed before any byte of an answer: nothing was processed, a retry is safe
            ctx.request().connection().close();
            return;
        }
        RefreshRequestReader.RefreshRequest request;
        try {
            request = reader.read(ctx.request().headers(), ctx.request().query());
        } catch (HttpProblem problem) {
            ctx.fail(problem);
            return;
        }
        admission.submit(work -> onWorker(ctx, work), () -> {
                    TokenGrant grant = useCase.refresh(request.command());
                    return new Answer(ResponseBodies.success(grant, request.shape()), grant.replayed());
                })
                .onComplete(answer -> {
                    ctx.put(REPLAYED_KEY, answer.replayed());
                    Responses.send(ctx, 200, answer.body());
                }, ctx::fail);
    }

    private <T> Future<T> onWorker(RoutingContext ctx, Callable<T> work) {
        return workers == null ? ctx.vertx().executeBlocking(work, false) : workers.executeBlocking(work, false);
    }

    private record Answer(Buffer body, boolean replayed) {
    }
}
