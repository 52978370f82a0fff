package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.ApplicationKeyTakenException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Maps every failure on our routes to the error envelope of CONTRACT 1.4: the HTTP layer's own problems,
 * the use cases' refusals and exceptions, and anything unexpected (500, logged, never a detail in the
 * body). One instance per listener family; only the wording of a few answers differs between them.
 * {@link #invalidRequest} answers what the HTTP decoder could not read; install it on every server.
 */
public final class HttpFailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFailureHandler.class);
    private static final CharSequence WWW_AUTHENTICATE = HttpHeaders.createOptimized("WWW-Authenticate");
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
    private static final CharSequence DPOP_NONCE = HttpHeaders.createOptimized("DPoP-Nonce");
    /** Short: a database outage is either brief or long, and the bounded connection wait already paced the client. */
    private static final CharSequence RETRY_AFTER_SECONDS = HttpHeaders.createOptimized("1");
    private static final CharSequence GET_ONLY = HttpHeaders.createOptimized("GET");

    private final String routeNotFound;
    private final String methodNotAllowed;
    /** Null where the listener reads no body: a 413 there was raised by a handler not ours. */
    private final String bodyTooLarge;

    private HttpFailureHandler(String routeNotFound, String methodNotAllowed, String bodyTooLarge) {
        this.routeNotFound = routeNotFound;
        this.methodNotAllowed = methodNotAllowed;
        this.bodyTooLarge = bodyTooLarge;
    }

    /** The public listener's: the refresh endpoint and the JWKS. */
    static HttpFailureHandler refreshListener() {
        return new HttpFailureHandler("No such route; the endpoint is GET " + RefreshRoutes.PATH,
                "Only GET is allowed on " + RefreshRoutes.PATH, null);
    }

    /** The management listener's: health, metrics, the API description and the admin API. */
    static HttpFailureHandler managementListener() {
        return new HttpFailureHandler("No such route on the management listener", "Only GET is allowed here",
                "The body is larger than " + AdminRoutes.MAX_BODY_BYTES / 1024 + " KiB");
    }

    /**
     * For our paths on a host's router: a bare status that none of our handlers raises (a host's handler
     * failed the request) goes on to the host's failure handlers instead of being called a 404.
     */
    Handler<RoutingContext> onMountedPaths() {
        return ctx -> {
            if (ctx.failure() == null && !raisedByUs(ctx.statusCode())) {
                ctx.next();
            } else {
                handle(ctx);
            }
        };
    }

    private boolean raisedByUs(int status) {
        return status == 405 || (status == 413 && bodyTooLarge != null);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Responses.putCommonHeaders(ctx.request());
        Throwable failure = ctx.failure();
        if (failure instanceof HttpProblem problem) {
            if (problem.status() == 401) {
                ctx.response().putHeader(WWW_AUTHENTICATE, "Bearer");
            } else if (problem.status() == 503) {
                ctx.response().putHeader(RETRY_AFTER, RETRY_AFTER_SECONDS);
            }
            Responses.sendError(ctx, problem.status(), problem.error(), problem.humanMessage(), problem.errors());
        } else if (failure instanceof TokenRefusedException refused) {
            RefusalResponses.RefusalResponse response = RefusalResponses.of(refused.refusal());
            if (response.dpopChallenge() != null) {
                ctx.response().putHeader(WWW_AUTHENTICATE, response.dpopChallenge());
                refused.dpopNonce().ifPresent(nonce -> ctx.response().putHeader(DPOP_NONCE, nonce));
            } else if (response.status() == 401) {
                ctx.response().putHeader(WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            Responses.sendError(ctx, response.status(), response.error(), refused.detail().orElse(response.message()),
                    Map.of());
        } else if (failure instanceof ApplicationKeyTakenException taken) {
            Responses.sendError(ctx, 409, "conflict", "The key is held by application " + taken.holder()
                    + "; give it another key first, or choose another one", Map.of());
        } else if (failure instanceof StorageUnavailableException || failure instanceof RejectedExecutionException
                || failure instanceof Admission.OverloadedException) {
            ctx.response().putHeader(RETRY_AFTER, RETRY_AFTER_SECONDS);
            Responses.sendError(ctx, 503, "unavailable", "The service is temporarily unavailable; retry shortly", Map.of());
        } else if (failure == null && ctx.statusCode() == 405) {
            ctx.response().putHeader(Responses.ALLOW, GET_ONLY);
            Responses.sendError(ctx, 405, "method_not_allowed", methodNotAllowed, Map.of());
        } else if (failure == null && ctx.statusCode() == 413 && bodyTooLarge != null) {
            // the rest of the body is not read: the connection cannot be used for another request
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            Responses.sendError(ctx, 413, "body_too_large", bodyTooLarge, Map.of());
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            // the router could not even decode the path: it names no route of ours
            Responses.sendError(ctx, 404, "route_not_found", routeNotFound, Map.of());
        } else {
            logUnexpected(ctx, failure);
            Responses.sendError(ctx, 500, "internal_error", "An unexpected error occurred", Map.of());
        }
    }

    private static void logUnexpected(RoutingContext ctx, Throwable failure) {
        MDC.put(AccessLog.REQUEST_ID_KEY, ctx.response().headers().get(Responses.REQUEST_ID));
        try {
            LOG.error("unexpected failure answering {} {} (status {})", ctx.request().method(),
                    AccessLog.printablePath(ctx.request().path()), ctx.statusCode(), failure);
        } finally {
            MDC.remove(AccessLog.REQUEST_ID_KEY);
        }
    }

    /** The final route of a stand-alone router, and its answer to a path it cannot decode. */
    void routeNotFound(RoutingContext ctx) {
        Responses.putCommonHeaders(ctx.request());
        Responses.sendError(ctx, 404, "route_not_found", routeNotFound, Map.of());
    }

    /** A route's answer to a method it does not serve: 405 with {@code Allow}. */
    static void methodNotAllowed(RoutingContext ctx, String allowed, String message) {
        ctx.response().putHeader(Responses.ALLOW, allowed);
        ctx.fail(new HttpProblem(405, "method_not_allowed", message));
    }

    /**
     * For requests the HTTP decoder could not read; install with {@code HttpServer.invalidRequestHandler}.
     * Request headers over the server's {@code maxHeaderSize} answer 431 {@code headers_too_large}, a
     * request line over its {@code maxInitialLineLength} 414, anything else unreadable 400; all in the
     * envelope, and the connection is closed since the rest of the stream cannot be trusted.
     *
     * @param request the request the decoder failed on
     */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String error;
        Buffer body;
        if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            error = "headers_too_large";
            body = ResponseBodies.error(status, error,
                    "Request headers are larger than " + HttpSettings.MAX_HEADER_BYTES / 1024 + " KiB in all", Map.of());
        } else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            error = "uri_too_long";
            body = ResponseBodies.error(status, error, "The request line is too long", Map.of());
        } else {
            status = 400;
            error = "invalid_headers";
            body = ResponseBodies.error(status, error, "The request could not be read as HTTP",
                    Map.of("request", List.of("malformed HTTP request")));
        }
        Responses.putCommonHeaders(request);
        long start = System.nanoTime();
        request.response().setStatusCode(status).putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE).end(body)
                .onComplete(done -> AccessLog.log(request, status, error, System.nanoTime() - start));
    }
}
