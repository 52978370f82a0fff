package dev.customertokens.bootstrap;

import dev.customertokens.adapters.http.AdminRoutes;
import dev.customertokens.adapters.http.HttpFailureHandler;
import dev.customertokens.adapters.http.ManagementRoutes;
import dev.customertokens.adapters.http.ReadinessChecks;
import dev.customertokens.adapters.http.RefreshHttpVerticle;
import dev.customertokens.adapters.http.RefreshMetrics;
import dev.customertokens.bootstrap.operations.GracefulDrain;
import dev.customertokens.bootstrap.operations.Housekeeping;
import dev.customertokens.bootstrap.operations.Logs;
import dev.customertokens.bootstrap.operations.OpenApiDocument;
import dev.customertokens.bootstrap.operations.ServiceMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stand-alone HTTP service ({@code serve}): a {@link CustomerTokens} behind the public listener, health,
 * metrics, the API description and the admin API on the management listener, housekeeping on a timer, and a
 * graceful {@link #close()} (CONTRACT 4.5) that also closes the library it serves. {@code /metrics} scrapes the
 * library's registry when it is a Prometheus one, else a registry of the service's own.
 */
public final class HttpService implements AutoCloseable {

    private final CustomerTokens customerTokens;
    private final ServiceSettings settings;
    private final ServiceMeters meters;
    private final Vertx vertx;
    private final List<RefreshHttpVerticle> publicServers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private HttpServer management;
    private Housekeeping housekeeping;

    private HttpService(CustomerTokens customerTokens, ServiceSettings settings, ServiceMeters meters, Vertx vertx) {
        this.customerTokens = customerTokens;
        this.settings = settings;
        this.meters = meters;
        this.vertx = vertx;
    }

    /**
     * Listens on both listeners and starts housekeeping; blocks until both are bound.
     *
     * @param customerTokens the library to serve; the service closes it when it closes
     * @param settings       how to listen and run
     * @return the running service
     * @throws ConfigurationException when a listener cannot be bound; the library is then closed
     */
    public static HttpService start(CustomerTokens customerTokens, ServiceSettings settings) {
        Logs.routeEverythingThroughSlf4j();
        ServiceMeters meters = customerTokens.meterRegistry()
                .filter(PrometheusMeterRegistry.class::isInstance)
                .map(registry -> ServiceMeters.borrow((PrometheusMeterRegistry) registry))
                .orElseGet(ServiceMeters::create);
        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions().setEnabled(true)
                // bounded label values only: never the path, which a client chooses
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.LOCAL, Label.POOL_TYPE, Label.POOL_NAME));
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(eventLoops).setMetricsOptions(metricsOptions))
                .withMetrics(new MicrometerMetricsFactory(meters.registry()))
                .build();
        HttpService service = new HttpService(customerTokens, settings, meters, vertx);
        try {
            service.listen(eventLoops);
            return service;
        } catch (RuntimeException e) {
            service.closeAll();
            throw e;
        }
    }

    private void listen(int eventLoops) {
        RefreshHttpVerticle.Options publicOptions = RefreshHttpVerticle.Options
                .of(customerTokens.refreshToken(), settings.http())
                .withJwks(customerTokens.jwks())
                .withMetrics(new RefreshMetrics(meters.registry()));
        String where = settings.http().host() + ":" + settings.http().port();
        // one server per event loop, all on one port: Vert.x spreads the connections over them
        await(vertx.deployVerticle(() -> {
            RefreshHttpVerticle instance = new RefreshHttpVerticle(publicOptions);
            publicServers.add(instance);
            return instance;
        }, new DeploymentOptions().setInstances(eventLoops)), "cannot listen on " + where);
        if (settings.managementEnabled()) {
            management = await(vertx.createHttpServer(ManagementRoutes.serverOptions(settings.managementHost(),
                            settings.managementPort()))
                    .requestHandler(managementRouter())
                    .invalidRequestHandler(HttpFailureHandler::invalidRequest)
                    .listen(), "cannot listen on " + settings.managementHost() + ":" + settings.managementPort()
                    + " (the management listener)");
        }
        if (settings.housekeepingEnabled()) {
            housekeeping = Housekeeping.every(settings.purgeInterval(), vertx, customerTokens.purgeSessions(),
                    shuttingDown::get);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future, String failure) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ConfigurationException(failure + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Health, metrics and the API description, and the admin API (CONTRACT 5) calling the CLI's use cases. */
    private Router managementRouter() {
        Router router = ManagementRoutes.router(vertx, new ManagementRoutes.Options(HealthChecks.create(vertx),
                ReadinessChecks.create(vertx, customerTokens::databaseProblem,
                        customerTokens.settings().database().connectionTimeout(), shuttingDown::get),
                meters.registry()::scrape, OpenApiDocument.json()));
        AdminRoutes.mount(router, CustomerTokensRoutes.adminUseCases(customerTokens), settings.adminToken());
        return router;
    }

    /**
     * The public listener's port, the bound one when the configured port was 0.
     *
     * @return the port
     */
    public int port() {
        return publicServers.get(0).actualPort();
    }

    /**
     * The management listener's port, the bound one when the configured port was 0.
     *
     * @return the port, or empty when the listener is off
     */
    public Optional<Integer> managementPort() {
        return Optional.ofNullable(management).map(HttpServer::actualPort);
    }

    /**
     * The library it serves.
     *
     * @return the library, closed with the service
     */
    public CustomerTokens customerTokens() {
        return customerTokens;
    }

    /**
     * How it listens and runs.
     *
     * @return the settings it was started with
     */
    public ServiceSettings settings() {
        return settings;
    }

    /** Readiness turns DOWN from now on: the first step of {@link #close()}. */
    public void beginShutdown() {
        shuttingDown.set(true);
    }

    /**
     * Graceful shutdown (CONTRACT 4.5): readiness turns DOWN, the public listener stops accepting, the requests in
     * flight are answered (each 200 durable, as always) within the shutdown grace, then the management listener,
     * Vert.x and the library close.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        beginShutdown();
        if (housekeeping != null) {
            housekeeping.close();
        }
        if (!publicServers.isEmpty()) {
            GracefulDrain.drain(publicServers, settings.shutdownGrace());
        }
        closeAll();
    }

    private void closeAll() {
        try {
            if (management != null) {
                management.close().await(5, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // the rest must close anyway
        }
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway: the database must still be closed
        }
        customerTokens.close();
        meters.close();
    }
}
