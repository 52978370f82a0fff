package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.DeleteCustomerUseCase;
import dev.customertokens.application.port.in.ImportCustomersUseCase;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.ListSessionsUseCase;
import dev.customertokens.application.port.in.RegisterApplicationUseCase;
import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.in.SessionRevocation;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The admin API (CONTRACT 5) on the management listener: applications, customers and sessions for the
 * services around this one, behind a bearer admin token compared in constant time. It only translates: every
 * request reads and checks its input, calls a use case on a worker thread, and writes the answer.
 */
public final class AdminRoutes {

    /** The path every admin route begins with. */
    public static final String PREFIX = "/admin";
    /** Bodies over this many bytes answer 413 {@code body_too_large}; the NDJSON import's is read a line at a time. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The shortest admin token accepted (CONTRACT 3). */
    public static final int MINIMUM_TOKEN_LENGTH = 32;

    private static final Set<String> APPLICATION_FIELDS = Set.of("key", "name", "enabled");
    private static final Set<String> SESSION_FIELDS = Set.of("customer_id", "application_key", "device_uuid",
            "dpop_jkt");

    /**
     * The use cases the admin API calls: the same as the command line's. Each blocks on storage and runs on
     * Vert.x's default worker pool.
     *
     * @param registerApplication {@code PUT /admin/applications/{id}}
     * @param importCustomers     {@code PUT /admin/customers/{id}} and {@code POST /admin/customers:import}
     * @param deleteCustomer      {@code DELETE /admin/customers/{id}}
     * @param issueToken          {@code POST /admin/sessions}
     * @param listSessions        {@code GET /admin/customers/{id}/sessions}
     * @param revokeSessions      {@code DELETE /admin/sessions/{id}} and {@code DELETE /admin/customers/{id}/sessions}
     */
    public record UseCases(RegisterApplicationUseCase registerApplication, ImportCustomersUseCase importCustomers,
                           DeleteCustomerUseCase deleteCustomer, IssueTokenUseCase issueToken,
                           ListSessionsUseCase listSessions, RevokeSessionsUseCase revokeSessions) {
        /**
         * Checks that every use case is given.
         *
         * @param registerApplication adds or updates applications, not null
         * @param importCustomers     adds or replaces customer accounts, not null
         * @param deleteCustomer      deletes customer accounts, not null
         * @param issueToken          begins sessions, not null
         * @param listSessions        lists a customer's sessions, not null
         * @param revokeSessions      revokes sessions, not null
         * @throws NullPointerException if a use case is null
         */
        public UseCases {
            Objects.requireNonNull(registerApplication, "registerApplication");
            Objects.requireNonNull(importCustomers, "importCustomers");
            Objects.requireNonNull(deleteCustomer, "deleteCustomer");
            Objects.requireNonNull(issueToken, "issueToken");
            Objects.requireNonNull(listSessions, "listSessions");
            Objects.requireNonNull(revokeSessions, "revokeSessions");
        }
    }

    private final UseCases useCases;

    private AdminRoutes(UseCases useCases) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
    }

    /**
     * Adds the admin routes under {@value #PREFIX} to the router of {@link ManagementRoutes#router}
     * (they take precedence over its final 404), or to a router the host owns, as
     * {@link ManagementRoutes#mount} adds its routes: every path under {@value #PREFIX} is then the
     * admin API's, with its token check, its {@value #MAX_BODY_BYTES}-byte body limit (the NDJSON import
     * {@code POST /admin/customers:import} streams its body instead) and its errors
     * ahead of the host's own handlers; the host's routes elsewhere are untouched.
     *
     * @param router     the router to add the routes to
     * @param useCases   what the routes call
     * @param adminToken the bearer token every request must carry, or null: then every request answers 403
     *                   {@code admin_disabled}
     * @throws IllegalArgumentException if {@code adminToken} is shorter than {@value #MINIMUM_TOKEN_LENGTH}
     *                                  characters
     */
    public static void mount(Router router, UseCases useCases, String adminToken) {
        AdminRoutes routes = new AdminRoutes(useCases);
        AdminAuthorization authorization = new AdminAuthorization(adminToken);
        HostRouter.ahead(router, PREFIX + "/*").failureHandler(HttpFailureHandler.managementListener().onMountedPaths())
                .handler(ManagementRoutes::begin)
                .handler(authorization);
        CustomerImportRoute.mount(router, routes.useCases.importCustomers());
        // a route of its own: Vert.x runs a body handler only ahead of a route's other handlers
        HostRouter.ahead(router, PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.put(PREFIX + "/applications/:id").handler(routes::putApplication);
        router.route(PREFIX + "/applications/:id").handler(ctx -> methodNotAllowed(ctx, PREFIX + "/applications/{id}", "PUT"));
        router.put(PREFIX + "/customers/:id").handler(routes::putCustomer);
        router.delete(PREFIX + "/customers/:id").handler(routes::deleteCustomer);
        router.route(PREFIX + "/customers/:id").handler(ctx -> methodNotAllowed(ctx, PREFIX + "/customers/{id}", "PUT, DELETE"));
        router.get(PREFIX + "/customers/:id/sessions").handler(routes::listSessions);
        router.delete(PREFIX + "/customers/:id/sessions").handler(routes::revokeCustomerSessions);
        router.route(PREFIX + "/customers/:id/sessions").handler(ctx -> methodNotAllowed(ctx,
                PREFIX + "/customers/{id}/sessions", "GET, DELETE"));
        router.post(PREFIX + "/sessions").handler(routes::beginSession);
        router.route(PREFIX + "/sessions").handler(ctx -> methodNotAllowed(ctx, PREFIX + "/sessions", "POST"));
        router.delete(PREFIX + "/sessions/:id").handler(routes::revokeSession);
        router.route(PREFIX + "/sessions/:id").handler(ctx -> methodNotAllowed(ctx, PREFIX + "/sessions/{id}", "DELETE"));
    }

    // ---- applications

    private void putApplication(RoutingContext ctx) {
        AdminRequestFields fields = new AdminRequestFields();
        ApplicationId id = fields.applicationId(ctx.pathParam("id"));
        JsonObject body = fields.object(ctx.body());
        Application application = null;
        if (body != null) {
            fields.onlyKnown(body, APPLICATION_FIELDS);
            ApplicationKey key = fields.applicationKey(body, "key");
            String name = fields.requiredString(body, "name", 255);
            Boolean enabled = fields.requiredBoolean(body, "enabled");
            if (fields.ok() && id != null) {
                application = new Application(id, key, name, enabled);
            }
        }
        if (fields.failIfAny(ctx)) {
            return;
        }
        Application saved = application;
        answer(ctx, () -> {
            useCases.registerApplication().register(saved);
            return ResponseBodies.ok(200, "application", json -> WireJson.writeApplication(json, saved));
        }, 200);
    }

    // ---- customers

    private void putCustomer(RoutingContext ctx) {
        AdminRequestFields fields = new AdminRequestFields();
        CustomerId id = fields.customerId("id", ctx.pathParam("id"));
        JsonObject body = fields.object(ctx.body());
        CustomerAccount account = body == null || id == null ? null : CustomerAccountJson.read(body, id, fields::add);
        if (fields.failIfAny(ctx)) {
            return;
        }
        answer(ctx, () -> {
            useCases.importCustomers().importAccounts(List.of(account));
            return ResponseBodies.data(200, json -> CustomerAccountJson.write(json, account, CustomerAccountJson.EVERY_FIELD));
        }, 200);
    }

    private void deleteCustomer(RoutingContext ctx) {
        AdminRequestFields fields = new AdminRequestFields();
        CustomerId id = fields.customerId("id", ctx.pathParam("id"));
        if (fields.failIfAny(ctx)) {
            return;
        }
        answer(ctx, () -> {
            if (!useCases.deleteCustomer().delete(id)) {
                throw new HttpProblem(404, "customer_not_found", "No customer account " + id);
            }
            return null;
        }, 204);
    }

    // ---- sessions

    private void beginSession(RoutingContext ctx) {
        AdminRequestFields fields = new AdminRequestFields();
        JsonObject body = fields.object(ctx.body());
        IssueTokenCommand command = null;
        if (body != null) {
            fields.onlyKnown(body, SESSION_FIELDS);
            Object customer = body.getValue("customer_id");
            CustomerId customerId = customer instanceof String s ? fields.customerId("customer_id", s)
                    : fields.wrongType("customer_id", "required, a string");
            ApplicationKey key = fields.applicationKey(body, "application_key");
            DeviceUuid device = fields.deviceUuid(body);
            KeyThumbprint dpopJkt = fields.dpopJkt(body);
            if (fields.ok()) {
                command = new IssueTokenCommand(customerId, key, device, dpopJkt);
            }
        }
        if (fields.failIfAny(ctx)) {
            return;
        }
        IssueTokenCommand login = command;
        answer(ctx, () -> ResponseBodies.grant(201, useCases.issueToken().issue(login)), 201);
    }

    private void listSessions(RoutingContext ctx) {
        AdminRequestFields fields = new AdminRequestFields();
        CustomerId id = fields.customerId("id", ctx.pathParam("id"));
        if (fields.failIfAny(ctx)) {
            return;
        }
        answer(ctx, () -> {
            List<Session> sessions = useCases.listSessions().sessionsOf(id);
            return ResponseBodies.ok(200, "sessions", json -> {
                json.writeStartArray();
                for (Session session : sessions) {
                    WireJson.writeSession(json, session);
                }
                json.writeEndArray();
            });
        }, 200);
    }

    private void revokeCustomerSessions(RoutingContext ctx) {
        AdminRequestFields fields = new AdminRequestFields();
        CustomerId id = fields.customerId("id", ctx.pathParam("id"));
        if (fields.failIfAny(ctx)) {
            return;
        }
        answer(ctx, () -> {
            int revoked = useCases.revokeSessions().revokeCustomerSessions(id);
            return ResponseBodies.ok(200, "revoked", json -> json.writeNumber(revoked));
        }, 200);
    }

    private void revokeSession(RoutingContext ctx) {
        AdminRequestFields fields = new AdminRequestFields();
        SessionId id = fields.sessionId(ctx.pathParam("id"));
        if (fields.failIfAny(ctx)) {
            return;
        }
        answer(ctx, () -> {
            if (useCases.revokeSessions().revoke(id) == SessionRevocation.NOT_FOUND) {
                throw new HttpProblem(404, "session_not_found", "No session " + id);
            }
            return null;
        }, 204);
    }

    // ---- answering

    /** Runs {@code work} (it blocks on storage) on a worker; a null body answers 204 without one. */
    private static void answer(RoutingContext ctx, Callable<Buffer> work, int status) {
        Future<Buffer> done = ctx.vertx().executeBlocking(work, false);
        done.onComplete(body -> {
            if (body == null) {
                Responses.sendEmpty(ctx, status);
            } else {
                Responses.send(ctx, status, body);
            }
        }, ctx::fail);
    }

    private static void methodNotAllowed(RoutingContext ctx, String path, String allowed) {
        HttpFailureHandler.methodNotAllowed(ctx, allowed, "Only " + allowed + " on " + path);
    }
}
