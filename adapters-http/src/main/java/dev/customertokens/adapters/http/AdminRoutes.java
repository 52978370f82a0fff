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
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The admin API (CONTRACT 5) on the management listener: applications, customers and sessions for the
 * services around this one, behind a bearer admin token compared in constant time. It only translates: every
 * request reads and checks its input, calls a use case on a worker thread, and writes the answer.
 */
public final class AdminRoutes {

    public static final String PREFIX = "/admin";
    /** Bodies over this many bytes answer 413 {@code body_too_large}. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The shortest admin token accepted (CONTRACT 3). */
    public static final int MINIMUM_TOKEN_LENGTH = 32;

    private static final Set<String> APPLICATION_FIELDS = Set.of("key", "name", "enabled");
    private static final Set<String> SESSION_FIELDS = Set.of("customer_id", "application_key", "device_uuid");

    /** The use cases the admin API calls: the same as the command line's. */
    public record UseCases(RegisterApplicationUseCase registerApplication, ImportCustomersUseCase importCustomers,
                           DeleteCustomerUseCase deleteCustomer, IssueTokenUseCase issueToken,
                           ListSessionsUseCase listSessions, RevokeSessionsUseCase revokeSessions) {
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
    /** SHA-256 of the admin token, or null when the admin API is off. */
    private final byte[] tokenDigest;

    private AdminRoutes(UseCases useCases, String adminToken) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        if (adminToken != null && adminToken.length() < MINIMUM_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the admin token must be at least " + MINIMUM_TOKEN_LENGTH + " characters");
        }
        this.tokenDigest = adminToken == null ? null : sha256(adminToken);
    }

    /**
     * Adds the admin routes under {@value #PREFIX} to a management router (before its final 404, which
     * {@link ManagementRoutes#router} adds as its last route; its failure handler writes every error).
     *
     * @param adminToken the bearer token every request must carry, or null: then every request answers 403
     *                   {@code admin_disabled}
     */
    public static void mount(Router router, UseCases useCases, String adminToken) {
        AdminRoutes routes = new AdminRoutes(useCases, adminToken);
        router.route(PREFIX + "/*").handler(routes::authorize);
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
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

    private void authorize(RoutingContext ctx) {
        if (tokenDigest == null) {
            ctx.fail(new HttpProblem(403, "admin_disabled",
                    "The admin API is off: start the service with --admin-token (CUSTOMER_TOKENS_ADMIN_TOKEN)"));
            return;
        }
        List<String> given = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        String token = given.size() == 1 ? bearerToken(given.get(0)) : null;
        // both sides hashed first: equal lengths, so the comparison's time says nothing about the token
        if (token == null || !MessageDigest.isEqual(tokenDigest, sha256(token))) {
            ctx.fail(new HttpProblem(401, "admin_unauthorized", "A valid admin token is required: Authorization: Bearer <admin token>"));
            return;
        }
        ctx.next();
    }

    private static String bearerToken(String header) {
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            return null;
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }

    // ---- applications

    private void putApplication(RoutingContext ctx) {
        Fields fields = new Fields();
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
        Fields fields = new Fields();
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
        Fields fields = new Fields();
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
        Fields fields = new Fields();
        JsonObject body = fields.object(ctx.body());
        IssueTokenCommand command = null;
        if (body != null) {
            fields.onlyKnown(body, SESSION_FIELDS);
            Object customer = body.getValue("customer_id");
            CustomerId customerId = customer instanceof String s ? fields.customerId("customer_id", s)
                    : fields.wrongType("customer_id", "required, a string");
            ApplicationKey key = fields.applicationKey(body, "application_key");
            DeviceUuid device = fields.deviceUuid(body);
            if (fields.ok()) {
                command = new IssueTokenCommand(customerId, key, device);
            }
        }
        if (fields.failIfAny(ctx)) {
            return;
        }
        IssueTokenCommand login = command;
        answer(ctx, () -> ResponseBodies.grant(201, useCases.issueToken().issue(login)), 201);
    }

    private void listSessions(RoutingContext ctx) {
        Fields fields = new Fields();
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
        Fields fields = new Fields();
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
        Fields fields = new Fields();
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
                ctx.response().headers().remove(HttpHeaders.CONTENT_TYPE);
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    ctx.response().setStatusCode(status).end();
                }
            } else {
                RefreshRoutes.send(ctx, status, body);
            }
        }, ctx::fail);
    }

    private static void methodNotAllowed(RoutingContext ctx, String path, String allowed) {
        ctx.response().putHeader("Allow", allowed);
        ctx.fail(new HttpProblem(405, "method_not_allowed", "Only " + allowed + " on " + path));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Everything wrong with one admin request's path and body, so that one 400 {@code invalid_body} names it all. */
    private static final class Fields {
        private final Map<String, List<String>> problems = new LinkedHashMap<>();

        void add(String field, String problem) {
            List<String> each = problems.computeIfAbsent(field, f -> new ArrayList<>(1));
            if (!each.contains(problem)) {
                each.add(problem);
            }
        }

        boolean ok() {
            return problems.isEmpty();
        }

        boolean failIfAny(RoutingContext ctx) {
            if (problems.isEmpty()) {
                return false;
            }
            ctx.fail(new HttpProblem(400, "invalid_body", "The request is invalid", problems));
            return true;
        }

        <T> T wrongType(String field, String problem) {
            add(field, problem);
            return null;
        }

        JsonObject object(RequestBody body) {
            Buffer buffer = body == null ? null : body.buffer();
            if (buffer == null || buffer.length() == 0) {
                return wrongType("body", "required, a JSON object");
            }
            try {
                Object value = Json.decodeValue(buffer);
                if (value instanceof JsonObject object) {
                    return object;
                }
            } catch (DecodeException | IllegalArgumentException e) {
                return wrongType("body", "not valid JSON");
            }
            return wrongType("body", "must be a JSON object");
        }

        void onlyKnown(JsonObject body, Set<String> known) {
            for (String name : body.fieldNames()) {
                if (!known.contains(name)) {
                    add(name, "unknown field");
                }
            }
        }

        ApplicationId applicationId(String raw) {
            Long value = positive(raw);
            return value == null ? wrongType("id", "must be a positive integer") : ApplicationId.of(value);
        }

        SessionId sessionId(String raw) {
            Long value = positive(raw);
            return value == null ? wrongType("id", "must be a positive integer") : SessionId.of(value);
        }

        private static Long positive(String raw) {
            if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            long value = Long.parseLong(raw);
            return value > 0 ? value : null;
        }

        CustomerId customerId(String field, String raw) {
            return CustomerId.isValid(raw) ? CustomerId.of(raw)
                    : wrongType(field, "must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }

        ApplicationKey applicationKey(JsonObject body, String field) {
            Object value = body.getValue(field);
            if (!(value instanceof String s)) {
                return wrongType(field, "required, a string");
            }
            return ApplicationKey.isWellFormed(s) ? ApplicationKey.of(s)
                    : wrongType(field, "must be 32 lowercase hex characters");
        }

        String requiredString(JsonObject body, String field, int maxLength) {
            Object value = body.getValue(field);
            if (!(value instanceof String s)) {
                return wrongType(field, "required, a string");
            }
            if (s.isBlank() || s.length() > maxLength) {
                return wrongType(field, "must be 1 to " + maxLength + " characters, not blank");
            }
            return s;
        }

        Boolean requiredBoolean(JsonObject body, String field) {
            Object value = body.getValue(field);
            return value instanceof Boolean b ? b : wrongType(field, "required, true or false");
        }

        DeviceUuid deviceUuid(JsonObject body) {
            Object value = body.getValue("device_uuid");
            if (value == null) {
                return null;
            }
            if (value instanceof String s && DeviceUuid.isWellFormed(s)) {
                return DeviceUuid.of(s);
            }
            return wrongType("device_uuid", "must be 1 to " + DeviceUuid.MAX_LENGTH + " printable characters, or null");
        }
    }
}
