package dev.customertokens.bootstrap;

import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.adapters.http.RefreshHttpVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The running HTTP service: the use cases of a {@link CustomerTokens} behind the Vert.x adapter. */
public final class HttpService implements AutoCloseable {

    private final CustomerTokens customerTokens;
    private final Vertx vertx;
    private final RefreshHttpVerticle verticle;

    private HttpService(CustomerTokens customerTokens, Vertx vertx, RefreshHttpVerticle verticle) {
        this.customerTokens = customerTokens;
        this.vertx = vertx;
        this.verticle = verticle;
    }

    /** Opens the database and listens; blocks until the server is bound. */
    public static HttpService start(Settings settings, Clock clock) {
        CustomerTokens customerTokens = CustomerTokens.open(settings, clock);
        try {
            return start(customerTokens);
        } catch (RuntimeException e) {
            customerTokens.close();
            throw e;
        }
    }

    static HttpService start(CustomerTokens customerTokens) {
        Settings settings = customerTokens.settings();
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors())));
        RefreshHttpVerticle verticle = new RefreshHttpVerticle(customerTokens.refreshToken(),
                new HttpSettings(settings.host(), settings.port(), settings.apiVersions(), settings.dbPoolSize()));
        try {
            vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new ConfigurationException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return new HttpService(customerTokens, vertx, verticle);
    }

    public int port() {
        return verticle.actualPort();
    }

    public CustomerTokens customerTokens() {
        return customerTokens;
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway: the database must still be closed below
        } finally {
            customerTokens.close();
        }
    }
}
