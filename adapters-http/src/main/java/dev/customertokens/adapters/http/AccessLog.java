package dev.customertokens.adapters.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request on the logger {@code customer-tokens.access} (CONTRACT 4.6): method, path,
 * status, {@code error}, duration, {@code X-Request-ID} and client address. Never a header value but
 * the request id, never the query string: nothing a client sends as a credential reaches the log.
 */
final class AccessLog {

    static final String LOGGER = "customer-tokens.access";
    /** The MDC key of the request id, so that a JSON log carries it in every line of a request. */
    static final String REQUEST_ID_KEY = "request_id";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final CharSequence FORWARDED = HttpHeaders.createOptimized("Forwarded");
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");

    private AccessLog() {
    }

    static void log(HttpServerRequest request, int status, String error, long nanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String requestId = request.response().headers().get(Responses.REQUEST_ID);
        SocketAddress remote = clientAddress(request);
        String client = remote == null ? "-" : remote.hostAddress();
        String path = printablePath(request.path());
        double millis = nanos / 1_000_000.0;
        MDC.put(REQUEST_ID_KEY, requestId);
        try {
            LOG.atInfo()
                    .setMessage("{} {} {} {} {}ms client={}")
                    .addArgument(request.method())
                    .addArgument(path)
                    .addArgument(status)
                    .addArgument(error == null ? "-" : error)
                    .addArgument(oneDecimal(millis))
                    .addArgument(client)
                    .addKeyValue("method", request.method().name())
                    .addKeyValue("path", path)
                    .addKeyValue("status", status)
                    .addKeyValue("error", error == null ? "" : error)
                    .addKeyValue("duration_ms", millis)
                    .addKeyValue("client", client)
                    .log();
        } finally {
            MDC.remove(REQUEST_ID_KEY);
        }
    }

    /**
     * The client as the router sees it. Only a request with a forwarding header can have another address than its
     * connection's (when the host's router trusts such headers), and only then is the router asked: working that out
     * parses the request's forwarding headers, host and scheme, a cost every other request is spared.
     */
    static SocketAddress clientAddress(HttpServerRequest request) {
        MultiMap headers = request.headers();
        if (headers.contains(FORWARDED) || headers.contains(X_FORWARDED_FOR)) {
            return request.remoteAddress();
        }
        return request.connection().remoteAddress();
    }

    /** As {@code String.format("%.1f")} would write it, at a fraction of its cost (a line per request). */
    static String oneDecimal(double millis) {
        long tenths = Math.round(millis * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    /**
     * The paths this service serves, logged as they are. Any other path is logged as {@code <unrouted>}: a
     * client may put anything in a path, a token too, and no log line may ever hold one.
     */
    private static final java.util.Set<String> KNOWN_PATHS = java.util.Set.of(RefreshRoutes.PATH,
            ManagementRoutes.LIVE, ManagementRoutes.READY, ManagementRoutes.METRICS, ManagementRoutes.OPENAPI);

    /** A known path as it is (each is a constant of ours, printable and short); any other as {@code <unrouted>}. */
    static String printablePath(String path) {
        if (path == null) {
            return "-";
        }
        return KNOWN_PATHS.contains(path) ? path : "<unrouted>";
    }
}
