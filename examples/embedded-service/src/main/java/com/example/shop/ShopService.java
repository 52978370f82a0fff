package com.example.shop;

import dev.customertokens.adapters.http.HttpFailureHandler;
import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.CustomerTokensRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A shop's own HTTP service on its own Vert.x: a route of its own ({@code GET /api/orders}) and, beside it,
 * the customer token refresh of customer-tokens, mounted on the same router and running on the shop's
 * worker pool. The shop keeps its server, its port and its shutdown.
 */
public final class ShopService implements AutoCloseable {

    private static final int WORKERS = 16;

    private final Vertx vertx;
    private final CustomerTokens tokens;
    private final WorkerExecutor workers;
    private final HttpServer server;

    private ShopService(Vertx vertx, CustomerTokens tokens, WorkerExecutor workers, HttpServer server) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.workers = workers;
        this.server = server;
    }

    /** Starts the shop on {@code port} (0 picks a free one), its tokens in the database at {@code jdbcUrl}. */
    public static ShopService start(int port, String jdbcUrl, String jwtSecret, String publicUrl) {
        CustomerTokens tokens = CustomerTokens.builder()
                .jdbcUrl(jdbcUrl)
                .jwtSecret(jwtSecret)
                .publicUrl(publicUrl)
                .databasePoolSize(WORKERS)
                .build();
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/api/orders").handler(ctx -> ctx.json(new JsonArray().add(new JsonObject().put("id", 1)
                .put("total", "12.50"))));
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("shop-tokens", WORKERS);
        CustomerTokensRoutes.mountRefresh(router, tokens, workers, WORKERS);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES))
                .invalidRequestHandler(HttpFailureHandler::invalidRequest)
                .requestHandler(router)
                .listen()
                .await();
        return new ShopService(vertx, tokens, workers, server);
    }

    public int port() {
        return server.actualPort();
    }

    /** The library, for what the shop does besides refreshing: logins, imports, revocations. */
    public CustomerTokens tokens() {
        return tokens;
    }

    @Override
    public void close() {
        server.close().await();
        workers.close().await();
        vertx.close().await();
        tokens.close();
    }

    public static void main(String[] args) throws InterruptedException {
        ShopService shop = start(8081, "jdbc:h2:mem:shop", System.getenv("SHOP_JWT_SECRET"), "http://127.0.0.1:8081");
        Runtime.getRuntime().addShutdownHook(new Thread(shop::close));
        System.out.println("the shop listens on http://127.0.0.1:" + shop.port());
        Thread.currentThread().join();
    }
}
