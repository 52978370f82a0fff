package dev.customertokens.bootstrap;

import dev.customertokens.adapters.http.AdminRoutes;
import dev.customertokens.adapters.http.Admission;
import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.adapters.http.RefreshMetrics;
import dev.customertokens.adapters.http.RefreshRoutes;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;

import java.util.Set;

/**
 * Mounts a {@link CustomerTokens} on a host's Vert.x {@link Router}, beside the host's own routes: the refresh
 * endpoint and the JWKS ({@link RefreshRoutes#mount}, whose Javadoc says what the host's server must set), and
 * separately the admin API. The blocking use case runs on the host's worker pool; the host keeps its own server,
 * TLS, body limits and shutdown.
 */
public final class CustomerTokensRoutes {

    /** The {@code API-VERSION} majors a mounted endpoint accepts unless told otherwise (CONTRACT 1.1). */
    public static final Set<Integer> DEFAULT_API_VERSIONS = Set.of(4, 5);

    private CustomerTokensRoutes() {
    }

    /**
     * Adds {@code GET /api/customers/refresh} and {@code GET /.well-known/jwks.json} to {@code router}, accepting
     * the {@link #DEFAULT_API_VERSIONS}.
     *
     * @param router      the host's router
     * @param tokens      the library whose refresh the endpoint runs
     * @param workers     the host's worker pool, where refreshes block on the database
     * @param workerCount its size: refreshes beyond it and the default queue answer 503 at once (CONTRACT 4.7)
     * @return the options mounted, whose {@code admission()} a graceful stop watches
     */
    public static RefreshRoutes.Options mountRefresh(Router router, CustomerTokens tokens, WorkerExecutor workers,
                                                     int workerCount) {
        RefreshRoutes.Options options = refreshOptions(tokens, DEFAULT_API_VERSIONS)
                .withWorkers(workers)
                .withAdmission(new Admission(workerCount, HttpSettings.DEFAULT_MAX_QUEUED_REQUESTS,
                        HttpSettings.DEFAULT_QUEUE_DEADLINE, System::nanoTime));
        RefreshRoutes.mount(router, options);
        return options;
    }

    /**
     * The refresh endpoint's options for {@code tokens}: its use case, its JWKS, its meters if it has a registry.
     * Give them workers and an admission sized to them before {@link RefreshRoutes#mount}.
     *
     * @param tokens      the library whose refresh the endpoint runs
     * @param apiVersions the {@code API-VERSION} majors accepted
     * @return the options, on Vert.x's default worker pool until told otherwise
     */
    public static RefreshRoutes.Options refreshOptions(CustomerTokens tokens, Set<Integer> apiVersions) {
        RefreshRoutes.Options options = RefreshRoutes.Options.of(tokens.refreshToken(), apiVersions)
                .withJwks(tokens.jwks());
        return tokens.meterRegistry().map(registry -> options.withMetrics(new RefreshMetrics(registry))).orElse(options);
    }

    /**
     * Adds the admin API (CONTRACT 5) under {@code /admin} to {@code router}: mount it on a router that only
     * operators and the services around this one reach, never the public one.
     *
     * @param router     the router operators reach
     * @param tokens     the library whose use cases the admin API calls
     * @param adminToken the bearer token every admin request needs, at least 32 characters, or null to answer
     *                   403 {@code admin_disabled}
     * @throws IllegalArgumentException if {@code adminToken} is shorter than 32 characters
     */
    public static void mountAdmin(Router router, CustomerTokens tokens, String adminToken) {
        AdminRoutes.mount(router, adminUseCases(tokens), adminToken);
    }

    static AdminRoutes.UseCases adminUseCases(CustomerTokens tokens) {
        return new AdminRoutes.UseCases(tokens.administration(), tokens.administration(), tokens.administration(),
                tokens.issueToken(), tokens.listSessions(), tokens.revokeSessions());
    }
}
