package dev.customertokens.bootstrap;

import dev.customertokens.adapters.http.AdminRoutes;
import dev.customertokens.adapters.http.HttpFailureHandler;
import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.adapters.http.ManagementRoutes;
import dev.customertokens.adapters.http.ReadinessChecks;
import dev.customertokens.adapters.http.RefreshHttpVerticle;
import dev.customertokens.adapters.http.RefreshMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running HTTP service: the use cases of a {@link CustomerTokens} behind the Vert.x adapter on the
 * public listener, health, metrics and the API description on the management listener, housekeeping on
 * a timer, and a graceful {@link #close()} (CONTRACT 4.5).
 */
public final class HttpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

    private final CustomerTokens customerTokens;
    private final Vertx vertx;
    private final List<RefreshHttpVerticle> publicServers;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean purging = new AtomicBoolean();
    private HttpServer management;
    private long purgeTimer = -1;

    private HttpService(CustomerTokens customerTokens, Vertx vertx, List<RefreshHttpVerticle> publicServers,
                        PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
        this.customerTokens = customerTokens;
        this.vertx = vertx;
        this.publicServers = publicServers;
        this.registry = registry;
        this.gcMetrics = gcMetrics;
    }

    /** Opens the database and listens; blocks until both listeners are bound. */
    public static HttpService start(Settings settings, Clock clock) {
        Logs.routeEverythingThroughSlf4j();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        CustomerTokens customerTokens;
        try {
            customerTokens = CustomerTokens.open(settings, clock, registry);
        } catch (RuntimeException e) {
            gcMetrics.close();
            registry.close();
            throw e;
        }
        try {
            return start(customerTokens, registry, gcMetrics);
        } catch (RuntimeException e) {
            customerTokens.close();
            gcMetrics.close();
            registry.close();
            throw e;
        }
    }

    private static HttpService start(CustomerTokens customerTokens, PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
        Settings settings = customerTokens.settings();
        Settings.Operations operations = settings.operations();
        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions().setEnabled(true)
                // bounded label values only: never the path, which a client chooses
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.LOCAL, Label.POOL_TYPE, Label.POOL_NAME));
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(eventLoops).setMetricsOptions(metricsOptions))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        HttpSettings httpSettings = new HttpSettings(settings.host(), settings.port(), settings.apiVersions(),
                settings.dbPoolSize(), operations.maxQueuedRequests(), operations.queueDeadline());
        RefreshHttpVerticle.Options publicOptions = RefreshHttpVerticle.Options
                .of(customerTokens.refreshToken(), httpSettings)
                .withJwks(customerTokens.jwks())
                .withMetrics(new RefreshMetrics(registry));
        List<RefreshHttpVerticle> instances = new CopyOnWriteArrayList<>();
        try {
            // one server per event loop, all on one port: Vert.x spreads the connections over them
            vertx.deployVerticle(() -> {
                RefreshHttpVerticle instance = new RefreshHttpVerticle(publicOptions);
                instances.add(instance);
                return instance;
            }, new DeploymentOptions().setInstances(eventLoops)).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            closeQuietly(vertx);
            throw new ConfigurationException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        HttpService service = new HttpService(customerTokens, vertx, instances, registry, gcMetrics);
        if (operations.managementEnabled()) {
            try {
                service.management = vertx.createHttpServer(
                                ManagementRoutes.serverOptions(operations.managementHost(), operations.managementPort()))
                        .requestHandler(service.managementRouter(registry))
                        .invalidRequestHandler(HttpFailureHandler::invalidRequest)
                        .listen().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                closeQuietly(vertx);
                throw new ConfigurationException("cannot listen on " + operations.managementHost() + ":"
                        + operations.managementPort() + " (the management listener): "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        if (operations.housekeepingEnabled()) {
            service.scheduleHousekeeping(operations.purgeInterval());
        }
        return service;
    }

    /** Health, metrics and the API description, and the admin API (CONTRACT 5) calling the CLI's use cases. */
    private Router managementRouter(PrometheusMeterRegistry registry) {
        Router router = ManagementRoutes.router(vertx, new ManagementRoutes.Options(HealthChecks.create(vertx),
                ReadinessChecks.create(vertx, customerTokens.database()::ping, CustomerTokens.CONNECTION_TIMEOUT,
                        shuttingDown::get),
                registry::scrape, OpenApiDocument.json()));
        AdminRoutes.mount(router, new AdminRoutes.UseCases(customerTokens.administration(),
                customerTokens.administration(), customerTokens.administration(), customerTokens.issueToken(),
                customerTokens.listSessions(), customerTokens.revokeSessions()),
                customerTokens.settings().operations().adminToken());
        return router;
    }

    /**
     * Every node purges every interval; the first run comes after a random part of the interval, so that
     * nodes started together do not purge together.
     */
    private void scheduleHousekeeping(Duration interval) {
        long intervalMillis = Math.max(1, interval.toMillis());
        long firstDelay = Math.max(1, ThreadLocalRandom.current().nextLong(intervalMillis));
        purgeTimer = vertx.setPeriodic(firstDelay, intervalMillis, id -> purgeNow());
    }

    private void purgeNow() {
        if (shuttingDown.get() || !purging.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> customerTokens.purgeSessions().purge(), false)
                .onComplete(purged -> {
                    purging.set(false);
                    if (purged > 0) {
                        LOG.info("housekeeping deleted {} finished sessions", purged);
                    }
                }, failure -> {
                    purging.set(false);
                    LOG.warn("housekeeping failed, will try again next interval: {}", failure.toString());
                });
    }

    public int port() {
        return publicServers.get(0).actualPort();
    }

    /** The management listener's port, or empty when it is off. */
    public Optional<Integer> managementPort() {
        return Optional.ofNullable(management).map(HttpServer::actualPort);
    }

    public CustomerTokens customerTokens() {
        return customerTokens;
    }

    PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * Graceful shutdown (CONTRACT 4.5): readiness turns DOWN, the public listener stops accepting, the
     * requests in flight are answered (each 200 durable, as always) within the shutdown grace, then the
     * management listener and the database pool close.
     */
    /** Readiness turns DOWN from now on: the first step of {@link #close()}. */
    void beginShutdown() {
        shuttingDown.set(true);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        beginShutdown();
        Duration grace = customerTokens.settings().operations().shutdownGrace();
        try {
            if (purgeTimer >= 0) {
                vertx.cancelTimer(purgeTimer);
            }
            long deadline = System.nanoTime() + grace.toNanos();
            List<Future<Void>> drained = new ArrayList<>();
            for (RefreshHttpVerticle server : publicServers) {
                drained.add(server.shutdown(grace));
            }
            Future.join(drained).await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            // a rotation still running on a worker must reach its commit before the pool closes under it, and its
            // answer the client before the connection closes: the servers' own shutdown cannot see work on a worker
            awaitAnswered(deadline);
            // from here on nothing new is processed; what passed the check before is waited for too
            publicServers.get(0).halt();
            awaitAnswered(deadline);
        } catch (Exception e) {
            LOG.warn("requests still in flight when the shutdown grace ended: {}", e.toString());
        } finally {
            try {
                if (management != null) {
                    management.close().await(5, TimeUnit.SECONDS);
                }
            } catch (Exception ignored) {
                // the rest must close anyway
            }
            closeQuietly(vertx);
            customerTokens.close();
            gcMetrics.close();
            registry.close();
        }
    }

    private void awaitAnswered(long deadline) throws InterruptedException {
        while (publicServers.get(0).unanswered() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway: the database must still be closed
        }
    }
}
