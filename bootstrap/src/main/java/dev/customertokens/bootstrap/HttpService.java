package dev.customertokens.bootstrap;

import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.adapters.http.RefreshHttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        HttpSettings httpSettings = new HttpSettings(settings.host(), settings.port(), settings.apiVersions(),
                settings.dbPoolSize());
        List<RefreshHttpVerticle> instances = new CopyOnWriteArrayList<>();
        try {
            // one server per event loop, all on one port: Vert.x spreads the connections over them
            vertx.deployVerticle(() -> {
                RefreshHttpVerticle instance = new RefreshHttpVerticle(customerTokens.refreshToken(), httpSettings,
                        customerTokens.jwks());
                instances.add(instance);
                return instance;
            }, new DeploymentOptions().setInstances(eventLoops)).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            try {
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reporting the cause below matters more
            }
            throw new ConfigurationException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return new HttpService(customerTokens, vertx, instances.get(0));
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
