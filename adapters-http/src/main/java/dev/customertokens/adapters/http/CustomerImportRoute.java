package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.ImportCustomersUseCase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/customers:import}: customer accounts as NDJSON, streamed through {@link NdjsonImport} and
 * answered {@code {"imported": n}}. Its routes come ahead of the admin API's body handler, which would read the
 * whole body first. The path is a literal one: in a route path Vert.x reads {@code :import} as a parameter, so
 * the routes match a regular expression of the quoted path instead, which no other path matches.
 */
final class CustomerImportRoute {

    /** The import's path. */
    static final String PATH = AdminRoutes.PREFIX + "/customers:import";
    /** The one media type accepted, parameters aside. */
    static final String NDJSON = "application/x-ndjson";

    private CustomerImportRoute() {
    }

    /** Adds the import's routes; call after the admin API's token check and before its body handler. */
    static void mount(Router router, ImportCustomersUseCase importer) {
        String literalPath = Pattern.quote(PATH);
        HostRouter.aheadMatching(router, HttpMethod.POST, literalPath).handler(ctx -> importCustomers(ctx, importer));
        HostRouter.aheadMatching(router, null, literalPath)
                .handler(ctx -> HttpFailureHandler.methodNotAllowed(ctx, "POST", "Only POST on " + PATH));
    }

    private static void importCustomers(RoutingContext ctx, ImportCustomersUseCase importer) {
        HttpServerRequest request = ctx.request();
        if (!isNdjson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.fail(new HttpProblem(415, "unsupported_media_type",
                    "The body must be NDJSON, one customer_account a line, sent as Content-Type: " + NDJSON));
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue(); // large uploads ask first (curl does over 1 MiB)
        }
        NdjsonImport.start(ctx.vertx(), request, importer).onComplete(imported ->
                Responses.send(ctx, 200, ResponseBodies.ok(200, "imported", json -> json.writeNumber(imported))), ctx::fail);
    }

    private static boolean isNdjson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return type.strip().toLowerCase(Locale.ROOT).equals(NDJSON);
    }
}
