package dev.customertokens.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import static dev.customertokens.adapters.http.EndpointHarness.await;

/**
 * The two ways the routes are served, so that every wire test runs against both: on servers of their
 * own, as {@code serve} runs them, and mounted on a router a host owns. The host here is a demanding
 * one: its body handler, its catch-all failure handler and its 404 are all added before our routes.
 */
enum ServingForm {

    STAND_ALONE {
        @Override
        int serveRefresh(Vertx vertx, RefreshHttpVerticle.Options options) {
            RefreshHttpVerticle verticle = new RefreshHttpVerticle(options);
            await(vertx.deployVerticle(verticle));
            return verticle.actualPort();
        }

        @Override
        int serveManagement(Vertx vertx, ManagementRoutes.Options options) {
            return listen(vertx, ManagementRoutes.serverOptions("127.0.0.1", 0), ManagementRoutes.router(vertx, options));
        }

        @Override
        int serveAdmin(Vertx vertx, ManagementRoutes.Options options, AdminRoutes.UseCases useCases, String adminToken) {
            Router router = ManagementRoutes.router(vertx, options);
            AdminRoutes.mount(router, useCases, adminToken);
            return listen(vertx, ManagementRoutes.serverOptions("127.0.0.1", 0), router);
        }
    },

    MOUNTED_ON_A_HOST_ROUTER {
        @Override
        int serveRefresh(Vertx vertx, RefreshHttpVerticle.Options options) {
            Router host = hostRouter(vertx);
            RefreshRoutes.mount(host, options.routes(vertx.createSharedWorkerExecutor(RefreshHttpVerticle.STORAGE_WORKERS,
                    options.settings().workerPoolSize())));
            return listen(vertx, hostServerOptions(), host);
        }

        @Override
        int serveManagement(Vertx vertx, ManagementRoutes.Options options) {
            Router host = hostRouter(vertx);
            ManagementRoutes.mount(host, options);
            return listen(vertx, hostServerOptions(), host);
        }

        @Override
        int serveAdmin(Vertx vertx, ManagementRoutes.Options options, AdminRoutes.UseCases useCases, String adminToken) {
            Router host = hostRouter(vertx);
            ManagementRoutes.mount(host, options);
            AdminRoutes.mount(host, useCases, adminToken);
            return listen(vertx, hostServerOptions(), host);
        }
    };

    /** What a host's own routes answer, so that a test can tell the host's answers from ours. */
    static final String HOST_NOT_FOUND = "host: no such page";
    static final String HOST_FAILURE = "host: something failed";

    /** Serves the refresh endpoint and the JWKS; returns the port. */
    abstract int serveRefresh(Vertx vertx, RefreshHttpVerticle.Options options);

    /** Serves the management routes; returns the port. */
    abstract int serveManagement(Vertx vertx, ManagementRoutes.Options options);

    /** Serves the management routes and the admin API; returns the port. */
    abstract int serveAdmin(Vertx vertx, ManagementRoutes.Options options, AdminRoutes.UseCases useCases, String adminToken);

    /** Whether our routes answer every path (else the host answers the paths that are not ours). */
    boolean answersEveryPath() {
        return this == STAND_ALONE;
    }

    /** A host's router as it stands before it mounts ours: its body handler, failure handler and 404 first. */
    static Router hostRouter(Vertx vertx) {
        Router host = Router.router(vertx);
        host.route().handler(BodyHandler.create(false));
        host.route().failureHandler(ctx -> ctx.response().setStatusCode(500).end(HOST_FAILURE));
        host.route().last().handler(ctx -> ctx.response().setStatusCode(404).end(HOST_NOT_FOUND));
        return host;
    }

    /** What the mount's Javadoc asks a host to set on its own server. */
    static HttpServerOptions hostServerOptions() {
        return new HttpServerOptions().setHost("127.0.0.1").setPort(0).setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES)
                .setIdleTimeout(120);
    }

    private static int listen(Vertx vertx, HttpServerOptions options, Router router) {
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(router)
                .invalidRequestHandler(HttpFailureHandler::invalidRequest);
        return await(server.listen()).actualPort();
    }
}
