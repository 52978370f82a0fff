package dev.customertokens.bootstrap;

import dev.customertokens.adapters.http.HttpFailureHandler;
import dev.customertokens.adapters.http.HttpSettings;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * A host service's own Vert.x, router and server, as an embedder has them, with the refresh endpoint mounted
 * beside a route of the host's ({@code GET /host/hello}); the server set as the mount's Javadoc asks.
 */
final class HostServer implements AutoCloseable {

    static final String HOST_ROUTE = "/host/hello";
    private static final int WORKERS = 8;

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final HttpServer server;
    private final CustomerTokens tokens;

    private HostServer(Vertx vertx, WorkerExecutor workers, HttpServer server, CustomerTokens tokens) {
        this.vertx = vertx;
        this.workers = workers;
        this.server = server;
        this.tokens = tokens;
    }

    static HostServer start(CustomerTokens tokens) {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.get(HOST_ROUTE).handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("hello"));
            WorkerExecutor workers = vertx.createSharedWorkerExecutor("host-workers", WORKERS);
            CustomerTokensRoutes.mountRefresh(router, tokens, workers, WORKERS);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                            .setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES))
                    .requestHandler(router)
                    .invalidRequestHandler(HttpFailureHandler::invalidRequest)
                    .listen().await(30, TimeUnit.SECONDS);
            return new HostServer(vertx, workers, server, tokens);
        } catch (Exception e) {
            vertx.close();
            tokens.close();
            throw new IllegalStateException("the host server did not start", e);
        }
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close().await(10, TimeUnit.SECONDS);
            workers.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } finally {
            tokens.close();
        }
    }
}
