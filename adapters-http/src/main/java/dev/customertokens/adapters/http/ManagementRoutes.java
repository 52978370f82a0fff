package dev.customertokens.adapters.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The management listener's routes (CONTRACT 4): health, metrics and the API description, each on
 * {@code GET}, every other method 405, in the error envelope. Either a router of its own
 * ({@link #router}: every other path 404 {@code route_not_found}) or added to a router the host owns
 * ({@link #mount}); the admin API ({@link AdminRoutes#mount}) joins either.
 */
public final class ManagementRoutes {

    /** Liveness (CONTRACT 4.1): UP while the process runs. */
    public static final String LIVE = "/health/live";
    /** Readiness (CONTRACT 4.1): DOWN while the database does not answer, and from the start of a shutdown. */
    public static final String READY = "/health/ready";
    /** The Prometheus text of every meter (CONTRACT 4.2). */
    public static final String METRICS = "/metrics";
    /** The OpenAPI description (CONTRACT 4.3). */
    public static final String OPENAPI = "/openapi.json";

    private static final List<String> PATHS = List.of(LIVE, READY, METRICS, OPENAPI);
    private static final CharSequence PROMETHEUS_TEXT = HttpHeaders.createOptimized("text/plain; version=0.0.4; charset=utf-8");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    /**
     * What the management routes serve.
     *
     * @param liveness    checks that fail only when the process is beyond help (none: UP while it runs)
     * @param readiness   checks that fail while the service should get no traffic ({@link ReadinessChecks});
     *                    each check's own timeout bounds how long {@code /health/ready} can take
     * @param scrape      the Prometheus text of every meter; run on a worker thread
     * @param openApiJson the API description (CONTRACT 4.3)
     */
    public record Options(HealthChecks liveness, HealthChecks readiness, Callable<String> scrape, Buffer openApiJson) {
        /**
         * Checks that everything is given.
         *
         * @param liveness    the liveness checks, not null
         * @param readiness   the readiness checks, not null
         * @param scrape      the Prometheus text, not null
         * @param openApiJson the API description, not null
         * @throws NullPointerException if any is null
         */
        public Options {
            Objects.requireNonNull(liveness, "liveness");
            Objects.requireNonNull(readiness, "readiness");
            Objects.requireNonNull(scrape, "scrape");
            Objects.requireNonNull(openApiJson, "openApiJson");
        }
    }

    private final Options options;
    private final HttpFailureHandler failures = HttpFailureHandler.managementListener();

    private ManagementRoutes(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A router of these routes alone: every other path, and a path it cannot decode, answers 404
     * {@code route_not_found} in the envelope. Routes added to it later (the admin API) take precedence
     * over that final 404.
     *
     * @param vertx   the Vert.x the router runs on
     * @param options what the routes serve
     * @return a new router, for a server with {@link #serverOptions}
     */
    public static Router router(Vertx vertx, Options options) {
        ManagementRoutes routes = new ManagementRoutes(options);
        Router router = Router.router(vertx);
        router.route().handler(ManagementRoutes::begin);
        routes.addRoutes(router);
        router.route().last().handler(routes.failures::routeNotFound);
        router.route().failureHandler(routes.failures);
        router.errorHandler(400, routes.failures::routeNotFound);
        router.errorHandler(500, routes.failures);
        return router;
    }

    /**
     * Adds these routes to a router the host owns, as {@link RefreshRoutes#mount} adds the endpoint:
     * on these paths the answers are those of the management listener, on every other path the host's
     * own. The host's server should have the same header limit and invalid-request handler.
     *
     * @param router  the host's router
     * @param options what the routes serve
     */
    public static void mount(Router router, Options options) {
        ManagementRoutes routes = new ManagementRoutes(options);
        Handler<RoutingContext> failures = routes.failures.onMountedPaths();
        for (String path : PATHS) {
            HostRouter.ahead(router, path).failureHandler(failures).handler(ManagementRoutes::begin);
        }
        routes.addRoutes(router);
    }

    /**
     * The management listener's options: the same header limit as the public one.
     *
     * @param host the address to listen on
     * @param port the port to listen on; 0 picks a free one
     * @return new options, with a 120 s idle timeout
     */
    public static HttpServerOptions serverOptions(String host, int port) {
        return new HttpServerOptions().setHost(host).setPort(port).setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES)
                .setIdleTimeout(120);
    }

    /** The common headers and the access-log line of every request on the management listener. */
    static void begin(RoutingContext ctx) {
        Responses.begin(ctx, (ended, nanos) -> { });
        ctx.next();
    }

    private void addRoutes(Router router) {
        router.get(LIVE).handler(ctx -> health(ctx, options.liveness()));
        router.get(READY).handler(ctx -> health(ctx, options.readiness()));
        router.get(METRICS).handler(this::metrics);
        router.get(OPENAPI).handler(this::openApi);
        for (String path : PATHS) {
            router.route(path).handler(ctx ->
                    HttpFailureHandler.methodNotAllowed(ctx, "GET", "Only GET is allowed on " + ctx.request().path()));
        }
    }

    private static void health(RoutingContext ctx, HealthChecks checks) {
        checks.checkStatus().onComplete(result -> {
            boolean up = CheckResult.isUp(result);
            JsonArray details = new JsonArray();
            List<CheckResult> each = result.getChecks();
            if (each != null) {
                for (CheckResult check : each) {
                    JsonObject detail = new JsonObject().put("id", check.getId())
                            .put("status", CheckResult.isUp(check) ? "UP" : "DOWN");
                    if (check.getData() != null && !check.getData().isEmpty()) {
                        detail.put("data", check.getData());
                    }
                    details.add(detail);
                }
            }
            JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details);
            Responses.send(ctx, up ? 200 : 503, body.toBuffer());
        }, failure -> {
            JsonObject body = new JsonObject().put("status", "DOWN").put("checks", new JsonArray());
            Responses.send(ctx, 503, body.toBuffer());
        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.vertx().executeBlocking(options.scrape(), false).onComplete(text -> {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
            Responses.send(ctx, 200, Buffer.buffer(text));
        }, ctx::fail);
    }

    private void openApi(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        Responses.send(ctx, 200, options.openApiJson());
    }
}
