package dev.customertokens.adapters.http;

import dev.customertokens.domain.RequestId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place that writes what every answer of either listener carries (CONTRACT 1.3): the JSON
 * {@code Content-Type}, {@code Cache-Control: no-store} and the echoed or generated {@code X-Request-ID};
 * and the one place that sends a body or an error envelope. A request is begun once, however many
 * routes of ours it passes, so that it has one access-log line.
 */
final class Responses {

    /** Where the failure handler leaves the {@code error} code for the access log and the meters. */
    static final String ERROR_KEY = "customer-tokens.error";
    private static final String BEGUN_KEY = "customer-tokens.begun";

    static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(RefreshRequestReader.REQUEST_ID);
    // spelled as the seed spells them; HTTP/1.1 names are case-insensitive, but people read them
    static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
    static final CharSequence ALLOW = HttpHeaders.createOptimized("Allow");
    private static final CharSequence JSON_UTF8 = HttpHeaders.createOptimized("application/json; charset=utf-8");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    /** Called once when the answer to a begun request has been written or its connection closed. */
    @FunctionalInterface
    interface Ending {
        void ended(RoutingContext ctx, long nanos);
    }

    private Responses() {
    }

    /**
     * Puts the common headers and arranges the access-log line (after {@code ending}) for a request not
     * begun yet by an earlier route; returns false, doing nothing, for one that was.
     */
    static boolean begin(RoutingContext ctx, Ending ending) {
        if (ctx.get(BEGUN_KEY) != null) {
            return false;
        }
        ctx.put(BEGUN_KEY, Boolean.TRUE);
        long start = System.nanoTime();
        putCommonHeaders(ctx.request());
        ctx.addEndHandler(ended -> {
            long nanos = System.nanoTime() - start;
            ending.ended(ctx, nanos);
            AccessLog.log(ctx.request(), ctx.response().getStatusCode(), ctx.get(ERROR_KEY), nanos);
        });
        return true;
    }

    /** The common headers, unless an earlier step put them already. */
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

    /** The error envelope of CONTRACT 1.4; {@code errors} is written for a 400 only. */
    static void sendError(RoutingContext ctx, int status, String error, String message,
                          Map<String, List<String>> errors) {
        ctx.put(ERROR_KEY, error);
        send(ctx, status, ResponseBodies.error(status, error, message, errors));
    }

    /** {@code body} with {@code status}, unless the answer was already written or the client is gone. */
    static void send(RoutingContext ctx, int status, Buffer body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).end(body);
    }

    /** {@code status} without a body, so without a {@code Content-Type} either (a 204). */
    static void sendEmpty(RoutingContext ctx, int status) {
        HttpServerResponse response = ctx.response();
        response.headers().remove(HttpHeaders.CONTENT_TYPE);
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).end();
    }
}
