package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.RequestId;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The refresh endpoint as a Vert.x Web router (CONTRACT 1): request rules, the use case on a worker
 * thread, and one failure handler that writes every error envelope.
 *
 * <p>A service that already has a router can mount this one; the verticle is only the stand-alone way
 * to serve it.
 */
public final class RefreshRoutes {

    public static final String PATH = "/api/customers/refresh";

    /** The public keys that verify issued tokens (CONTRACT 2.4), for services that check tokens themselves. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    /** The JWK Set of a deployment without public keys (HS256). */
    public static final String NO_PUBLIC_KEYS = "{\"keys\":[]}";

    private static final Logger LOG = LoggerFactory.getLogger(RefreshRoutes.class);

    /** Where the failure handler leaves the {@code error} code for the access log and the meters. */
    static final String ERROR_KEY = "customer-tokens.error";

    static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(RefreshRequestReader.REQUEST_ID);
    // spelled as the seed spells them; HTTP/1.1 names are case-insensitive, but people read them
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
    private static final CharSequence ALLOW = HttpHeaders.createOptimized("Allow");
    private static final CharSequence GET_ONLY = HttpHeaders.createOptimized("GET");
    private static final CharSequence JSON_UTF8 = HttpHeaders.createOptimized("application/json; charset=utf-8");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    /** The keys change only at a rotation, which keeps the old key published for far longer than this. */
    private static final CharSequence PUBLIC_FIVE_MINUTES = HttpHeaders.createOptimized("public, max-age=300");
    private static final CharSequence WWW_AUTHENTICATE = HttpHeaders.createOptimized("WWW-Authenticate");
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
    /** Short: a database outage is either brief or long, and the bounded connection wait already paced the client. */
    private static final CharSequence RETRY_AFTER_SECONDS = HttpHeaders.createOptimized("1");

    private final RefreshTokenUseCase useCase;
    private final WorkerExecutor storageWorkers;
    private final RefreshRequestReader reader;
    private final RefreshMetrics metrics;
    private final Admission admission;

    private RefreshRoutes(RefreshTokenUseCase useCase, WorkerExecutor storageWorkers, Set<Integer> supportedApiMajors,
                          RefreshMetrics metrics, Admission admission) {
        this.useCase = useCase;
        this.storageWorkers = storageWorkers;
        this.reader = new RefreshRequestReader(supportedApiMajors);
        this.metrics = metrics;
        this.admission = admission;
    }

    /**
     * With no meters and an admission bound of the default queue behind {@code storageWorkers}' size
     * (unknown here, so counted as one thread).
     *
     * @param storageWorkers where the use case runs, since it blocks on storage; size it to the connection pool
     */
    public static Router router(Vertx vertx, RefreshTokenUseCase useCase, WorkerExecutor storageWorkers,
                                Set<Integer> supportedApiMajors) {
        return router(vertx, useCase, storageWorkers, supportedApiMajors, NO_PUBLIC_KEYS, RefreshMetrics.none(),
                new Admission(1, HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS, HttpSettings.DEFAULT_QUEUE_DEADLINE, System::nanoTime));
    }

    /**
     * @param storageWorkers where the use case runs, since it blocks on storage; size it to the connection pool
     * @param jwks           the JWK Set document (RFC 7517) served at {@value #JWKS_PATH}, as the token codec renders it
     * @param metrics        the refresh meters (CONTRACT 4.2)
     * @param admission      the overload bound on {@code storageWorkers} (CONTRACT 4.7), shared by every server
     */
    public static Router router(Vertx vertx, RefreshTokenUseCase useCase, WorkerExecutor storageWorkers,
                                Set<Integer> supportedApiMajors, String jwks, RefreshMetrics metrics, Admission admission) {
        RefreshRoutes routes = new RefreshRoutes(useCase, storageWorkers, supportedApiMajors, metrics, admission);
        Buffer jwksBody = Buffer.buffer(java.util.Objects.requireNonNull(jwks, "jwks"));
        Router router = Router.router(vertx);
        router.route().handler(routes::commonHeaders);
        router.get(PATH).handler(routes::refresh);
        router.route(PATH).handler(RefreshRoutes::methodNotAllowed);
        router.get(JWKS_PATH).handler(ctx -> ctx.response()
                .putHeader(CONTENT_TYPE, JSON)
                .putHeader(CACHE_CONTROL, PUBLIC_FIVE_MINUTES)
                .end(jwksBody));
        router.route(JWKS_PATH).handler(ctx -> {
            ctx.response().putHeader(ALLOW, GET_ONLY);
            ctx.fail(new HttpProblem(405, "method_not_allowed", "Only GET is allowed on " + JWKS_PATH));
        });
        router.route().handler(RefreshRoutes::routeNotFound);
        router.route().failureHandler(RefreshRoutes::failure);
        // a path the router cannot even decode (e.g. "%zz") fails while routes are matched, before any route
        router.errorHandler(400, RefreshRoutes::undecodablePath);
        router.errorHandler(500, RefreshRoutes::failure);
        return router;
    }

    private void commonHeaders(RoutingContext ctx) {
        long start = System.nanoTime();
        putCommonHeaders(ctx.request());
        admission.requestStarted();
        ctx.addEndHandler(ended -> {
            admission.requestEnded();
            answered(ctx, start);
        });
        ctx.response().headersEndHandler(headers -> {
            if (admission.draining()) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
        });
        ctx.next();
    }

    /** One access-log line for every request; the meters for the refresh endpoint's own. */
    private void answered(RoutingContext ctx, long start) {
        long nanos = System.nanoTime() - start;
        HttpServerRequest request = ctx.request();
        int status = ctx.response().getStatusCode();
        String error = ctx.get(ERROR_KEY);
        if (request.method() == io.vertx.core.http.HttpMethod.GET && PATH.equals(request.path())) {
            if (status == 200) {
                if (Boolean.TRUE.equals(ctx.get(REPLAYED_KEY))) {
                    metrics.replayed(nanos);
                } else {
                    metrics.rotated(nanos);
                }
            } else {
                metrics.refused(error == null ? "" : error, nanos);
            }
        }
        AccessLog.log(request, status, error, nanos);
    }

    private static final String REPLAYED_KEY = "customer-tokens.replayed";

    static void putCommonHeaders(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (response.headers().contains(REQUEST_ID)) {
            return;
        }
        List<String> given = request.headers().getAll(REQUEST_ID);
        String requestId = given.size() == 1 && RequestId.isWellFormed(given.get(0)) ? given.get(0) : generatedRequestId();
        response.putHeader(CONTENT_TYPE, JSON_UTF8)
                .putHeader(CACHE_CONTROL, NO_STORE)
                .putHeader(REQUEST_ID, requestId);
    }

    // only needs to be unique enough to find a request in logs, so no SecureRandom contention
    private static String generatedRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
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
        admission.submit(storageWorkers, () -> {
                    TokenGrant grant = useCase.refresh(request.command());
                    return new Answer(ResponseBodies.success(grant, request.shape()), grant.replayed());
                })
                .onComplete(answer -> {
                    ctx.put(REPLAYED_KEY, answer.replayed());
                    send(ctx, 200, answer.body());
                }, ctx::fail);
    }

    private record Answer(Buffer body, boolean replayed) {
    }

    private static void methodNotAllowed(RoutingContext ctx) {
        ctx.response().putHeader(ALLOW, GET_ONLY);
        ctx.fail(new HttpProblem(405, "method_not_allowed", "Only GET is allowed on " + PATH));
    }

    private static void routeNotFound(RoutingContext ctx) {
        ctx.fail(new HttpProblem(404, "route_not_found", "No such route; the endpoint is GET " + PATH));
    }

    private static void undecodablePath(RoutingContext ctx) {
        putCommonHeaders(ctx.request());
        sendError(ctx, 404, "route_not_found", "No such route; the endpoint is GET " + PATH, Map.of());
    }

    private static void failure(RoutingContext ctx) {
        putCommonHeaders(ctx.request());
        Throwable failure = ctx.failure();
        if (failure instanceof HttpProblem problem) {
            if (problem.status() == 401) {
                ctx.response().putHeader(WWW_AUTHENTICATE, "Bearer");
            }
            sendError(ctx, problem.status(), problem.error(), problem.humanMessage(), problem.errors());
        } else if (failure instanceof TokenRefusedException refused) {
            RefusalResponses.RefusalResponse response = RefusalResponses.of(refused.refusal());
            if (response.status() == 401) {
                ctx.response().putHeader(WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            sendError(ctx, response.status(), response.error(), response.message(), Map.of());
        } else if (failure instanceof StorageUnavailableException || failure instanceof RejectedExecutionException
                || failure instanceof Admission.OverloadedException) {
            ctx.response().putHeader(RETRY_AFTER, RETRY_AFTER_SECONDS);
            sendError(ctx, 503, "unavailable", "The service is temporarily unavailable; retry shortly", Map.of());
        } else if (failure == null && ctx.statusCode() == 405) {
            ctx.response().putHeader(ALLOW, GET_ONLY);
            sendError(ctx, 405, "method_not_allowed", "Only GET is allowed on " + PATH, Map.of());
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            // the router could not even decode the path: it names no route of ours
            sendError(ctx, 404, "route_not_found", "No such route; the endpoint is GET " + PATH, Map.of());
        } else {
            MDC.put(AccessLog.REQUEST_ID_KEY, ctx.response().headers().get(REQUEST_ID));
            try {
                LOG.error("unexpected failure answering {} {} (status {})", ctx.request().method(),
                        AccessLog.printablePath(ctx.request().path()), ctx.statusCode(), failure);
            } finally {
                MDC.remove(AccessLog.REQUEST_ID_KEY);
            }
            sendError(ctx, 500, "internal_error", "An unexpected error occurred", Map.of());
        }
    }

    static void sendError(RoutingContext ctx, int status, String error, String message,
                          Map<String, List<String>> errors) {
        ctx.put(ERROR_KEY, error);
        send(ctx, status, ResponseBodies.error(status, error, message, errors));
    }

    static void send(RoutingContext ctx, int status, Buffer body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).end(body);
    }

    /**
     * For requests the HTTP decoder could not read; install with {@code HttpServer.invalidRequestHandler}.
     * Answers in the envelope instead of Vert.x's bare default, then closes the connection since the
     * rest of the stream cannot be trusted.
     */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        Buffer body;
        if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            body = ResponseBodies.error(status, "headers_too_large",
                    "Request headers are larger than " + HttpSettings.MAX_HEADER_BYTES / 1024 + " KiB in all", Map.of());
        } else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            body = ResponseBodies.error(status, "uri_too_long", "The request line is too long", Map.of());
        } else {
            status = 400;
            body = ResponseBodies.error(status, "invalid_headers", "The request could not be read as HTTP",
                    Map.of("request", List.of("malformed HTTP request")));
        }
        putCommonHeaders(request);
        long start = System.nanoTime();
        String error = status == 431 ? "headers_too_large" : status == 414 ? "uri_too_long" : "invalid_headers";
        request.response().setStatusCode(status).putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE).end(body)
                .onComplete(done -> AccessLog.log(request, status, error, System.nanoTime() - start));
    }

}
