package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.ApplicationKeyTakenException;
import dev.customertokens.application.port.out.StorageUnavailableException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The management listener's routes (CONTRACT 4): health, metrics and the API description, each on
 * {@code GET}; every other path 404 {@code route_not_found} and every other method 405, in the error
 * envelope. Routes added to the returned router later (the admin API, {@link AdminRoutes#mount}) take
 * precedence over the final 404, and their failures are written here too.
 */
public final class ManagementRoutes {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";
    public static final String OPENAPI = "/openapi.json";

    private static final Logger LOG = LoggerFactory.getLogger(ManagementRoutes.class);
    private static final CharSequence PROMETHEUS_TEXT = HttpHeaders.createOptimized("text/plain; version=0.0.4; charset=utf-8");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    private final HealthChecks liveness;
    private final HealthChecks readiness;
    private final Callable<String> scrape;
    private final Buffer openApiJson;

    private ManagementRoutes(HealthChecks liveness, HealthChecks readiness, Callable<String> scrape, Buffer openApiJson) {
        this.liveness = Objects.requireNonNull(liveness, "liveness");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.scrape = Objects.requireNonNull(scrape, "scrape");
        this.openApiJson = Objects.requireNonNull(openApiJson, "openApiJson");
    }

    /**
     * @param liveness    checks that fail only when the process is beyond help (none: UP while it runs)
     * @param readiness   checks that fail while the service should get no traffic (database, shutdown);
     *                    each check's own timeout bounds how long {@code /health/ready} can take
     * @param scrape      the Prometheus text of every meter; run on a worker thread
     * @param openApiJson the API description (CONTRACT 4.3)
     */
    public static Router router(Vertx vertx, HealthChecks liveness, HealthChecks readiness, Callable<String> scrape,
                                Buffer openApiJson) {
        ManagementRoutes routes = new ManagementRoutes(liveness, readiness, scrape, openApiJson);
        Router router = Router.router(vertx);
        router.route().handler(ManagementRoutes::commonHeaders);
        router.get(LIVE).handler(ctx -> routes.health(ctx, routes.liveness));
        router.get(READY).handler(ctx -> routes.health(ctx, routes.readiness));
        router.get(METRICS).handler(routes::metrics);
        router.get(OPENAPI).handler(routes::openApi);
        for (String path : List.of(LIVE, READY, METRICS, OPENAPI)) {
            router.route(path).handler(ManagementRoutes::methodNotAllowed);
        }
        router.route().last().handler(ctx -> RefreshRoutes.sendError(ctx, 404, "route_not_found",
                "No such route on the management listener", Map.of()));
        router.route().failureHandler(ManagementRoutes::failure);
        router.errorHandler(400, ctx -> {
            RefreshRoutes.putCommonHeaders(ctx.request());
            RefreshRoutes.sendError(ctx, 404, "route_not_found", "No such route on the management listener", Map.of());
        });
        router.errorHandler(500, ManagementRoutes::failure);
        return router;
    }

    /** The management listener's options: the same header limit as the public one. */
    public static HttpServerOptions serverOptions(String host, int port) {
        return new HttpServerOptions().setHost(host).setPort(port).setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES)
                .setIdleTimeout(120);
    }

    private static void commonHeaders(RoutingContext ctx) {
        long start = System.nanoTime();
        RefreshRoutes.putCommonHeaders(ctx.request());
        ctx.addEndHandler(ended -> AccessLog.log(ctx.request(), ctx.response().getStatusCode(),
                ctx.get(RefreshRoutes.ERROR_KEY), System.nanoTime() - start));
        ctx.next();
    }

    private void health(RoutingContext ctx, HealthChecks checks) {
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
            RefreshRoutes.send(ctx, up ? 200 : 503, body.toBuffer());
        }, failure -> {
            JsonObject body = new JsonObject().put("status", "DOWN").put("checks", new JsonArray());
            RefreshRoutes.send(ctx, 503, body.toBuffer());
        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.vertx().executeBlocking(scrape, false).onComplete(text -> {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
            RefreshRoutes.send(ctx, 200, Buffer.buffer(text));
        }, ctx::fail);
    }

    private void openApi(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        RefreshRoutes.send(ctx, 200, openApiJson);
    }

    private static void methodNotAllowed(RoutingContext ctx) {
        ctx.response().putHeader("Allow", "GET");
        RefreshRoutes.sendError(ctx, 405, "method_not_allowed", "Only GET is allowed on " + ctx.request().path(), Map.of());
    }

    private static void failure(RoutingContext ctx) {
        RefreshRoutes.putCommonHeaders(ctx.request());
        Throwable failure = ctx.failure();
        if (failure instanceof HttpProblem problem) {
            if (problem.status() == 401) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            RefreshRoutes.sendError(ctx, problem.status(), problem.error(), problem.humanMessage(), problem.errors());
            return;
        }
        if (failure instanceof TokenRefusedException refused) {
            RefusalResponses.RefusalResponse response = RefusalResponses.of(refused.refusal());
            RefreshRoutes.sendError(ctx, response.status(), response.error(), response.message(), Map.of());
            return;
        }
        if (failure instanceof ApplicationKeyTakenException taken) {
            RefreshRoutes.sendError(ctx, 409, "conflict", "The key is held by application " + taken.holder()
                    + "; give it another key first, or choose another one", Map.of());
            return;
        }
        if (failure instanceof StorageUnavailableException) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            RefreshRoutes.sendError(ctx, 503, "unavailable", "The service is temporarily unavailable; retry shortly", Map.of());
            return;
        }
        if (failure == null && ctx.statusCode() == 413) {
            // the rest of the body is not read: the connection cannot be used for another request
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            RefreshRoutes.sendError(ctx, 413, "body_too_large", "The body is larger than "
                    + AdminRoutes.MAX_BODY_BYTES / 1024 + " KiB", Map.of());
            return;
        }
        if (ctx.failure() == null && ctx.statusCode() == 405) {
            ctx.response().putHeader("Allow", "GET");
            RefreshRoutes.sendError(ctx, 405, "method_not_allowed", "Only GET is allowed here", Map.of());
            return;
        }
        if (ctx.failure() == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            RefreshRoutes.sendError(ctx, 404, "route_not_found", "No such route on the management listener", Map.of());
            return;
        }
        MDC.put(AccessLog.REQUEST_ID_KEY, ctx.response().headers().get(RefreshRoutes.REQUEST_ID));
        try {
            LOG.error("unexpected failure answering {} {}", ctx.request().method(),
                    AccessLog.printablePath(ctx.request().path()), ctx.failure());
        } finally {
            MDC.remove(AccessLog.REQUEST_ID_KEY);
        }
        RefreshRoutes.sendError(ctx, 500, "internal_error", "An unexpected error occurred", Map.of());
    }

    /** For symmetry with the refresh endpoint: requests the HTTP decoder could not read. */
    public static void invalidRequest(io.vertx.core.http.HttpServerRequest request) {
        RefreshRoutes.invalidRequest(request);
    }

}
