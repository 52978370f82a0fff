package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.DeleteCustomerUseCase;
import dev.customertokens.application.port.in.ImportCustomersUseCase;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.ListSessionsUseCase;
import dev.customertokens.application.port.in.RegisterApplicationUseCase;
import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.in.SessionRevocation;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.SessionId;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static dev.customertokens.adapters.http.EndpointHarness.grant;
import static dev.customertokens.adapters.http.EndpointHarness.validHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host's router with routes of its own (its 404, its body handler, its failure handler, a handler of
 * its own on our path) gets the endpoint mounted: ours answer as {@code serve} does, the host's as the
 * host wrote them, and neither shadows the other.
 */
class MountedBesideHostRoutesTest {

    private static final String HOST_NOT_FOUND = "host: no such page";
    private static final String HOST_FAILURE = "host: failed with ";
    private static final String ADMIN_TOKEN = "an-admin-token-of-at-least-32-characters";

    private final Vertx vertx = Vertx.vertx();
    private final List<String> useCaseThreads = new CopyOnWriteArrayList<>();
    private volatile boolean useCaseFails;
    private final RefreshRoutes.Options options = RefreshRoutes.Options.of(command -> {
        useCaseThreads.add(Thread.currentThread().getName());
        if (useCaseFails) {
            throw new IllegalStateException("a bug in the use case");
        }
        return grant("new.token");
    }, Set.of(5)).withJwks(RefreshRoutes.NO_PUBLIC_KEYS);

    @AfterEach
    void close() {
        await(vertx.close());
    }

    /** Routes of its own added first, then ours, as a host would. */
    private Router hostRouter() {
        Router host = Router.router(vertx);
        host.route().handler(BodyHandler.create(false).setBodyLimit(1024));
        host.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode() < 0 ? 500 : ctx.statusCode())
                .end(HOST_FAILURE + ctx.statusCode()));
        host.post("/host/echo").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end(ctx.body().buffer()));
        host.get("/host/broken").handler(ctx -> {
            throw new IllegalStateException("a bug in the host");
        });
        // the host's own check on our path: it may refuse a request before our endpoint sees it
        host.route(RefreshRoutes.PATH).handler(ctx -> {
            if (ctx.request().getHeader("X-Host-Deny") != null) {
                ctx.fail(403);
            } else {
                ctx.next();
            }
        });
        host.route().last().handler(ctx -> ctx.response().setStatusCode(404).end(HOST_NOT_FOUND));
        return host;
    }

    private WebClient serve(Router router) {
        int port = await(vertx.createHttpServer(ServingForm.hostServerOptions()).requestHandler(router)
                .invalidRequestHandler(HttpFailureHandler::invalidRequest).listen()).actualPort();
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    private static HttpResponse<Buffer> send(WebClient client, HttpMethod method, String uri, MultiMap headers, String body) {
        var request = client.request(method, uri).putHeaders(headers);
        return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
    }

    private static JsonObject envelope(HttpResponse<Buffer> response) {
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("X-Request-ID")).isNotBlank();
        return response.bodyAsJsonObject();
    }

    @Test
    void the_hosts_routes_keep_their_own_answers() {
        Router host = hostRouter();
        RefreshRoutes.mount(host, options);
        WebClient client = serve(host);
        MultiMap none = MultiMap.caseInsensitiveMultiMap();

        HttpResponse<Buffer> notFound = send(client, HttpMethod.GET, "/host/nowhere", none, null);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.bodyAsString()).isEqualTo(HOST_NOT_FOUND);
        assertThat(notFound.getHeader("X-Request-ID")).as("nothing of ours on the host's paths").isNull();
        assertThat(notFound.getHeader("Cache-Control")).isNull();

        HttpResponse<Buffer> echoed = send(client, HttpMethod.POST, "/host/echo", none, "hello");
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.bodyAsString()).isEqualTo("hello");
        assertThat(echoed.getHeader("Content-Type")).isEqualTo("text/plain");

        HttpResponse<Buffer> tooLarge = send(client, HttpMethod.POST, "/host/echo", none, "x".repeat(2048));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.bodyAsString()).isEqualTo(HOST_FAILURE + 413);

        HttpResponse<Buffer> broken = send(client, HttpMethod.GET, "/host/broken", none, null);
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.bodyAsString()).isEqualTo(HOST_FAILURE + 500);

        HttpResponse<Buffer> denied = send(client, HttpMethod.GET, RefreshRoutes.PATH, validHeaders().add("X-Host-Deny", "1"), null);
        assertThat(denied.statusCode()).as("the host's own refusal on our path is the host's to answer").isEqualTo(403);
        assertThat(denied.bodyAsString()).isEqualTo(HOST_FAILURE + 403);
        assertThat(useCaseThreads).isEmpty();
    }

    @Test
    void the_endpoint_answers_as_serve_does_ahead_of_the_hosts_failure_handler() {
        Router host = hostRouter();
        RefreshRoutes.mount(host, options);
        WebClient client = serve(host);

        HttpResponse<Buffer> refreshed = send(client, HttpMethod.GET, RefreshRoutes.PATH,
                validHeaders().set("X-Request-ID", "host-1"), null);
        assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
        assertThat(refreshed.getHeader("X-Request-ID")).isEqualTo("host-1");
        assertThat(envelope(refreshed).getJsonObject("data").getJsonObject("token").getString("value")).isEqualTo("new.token");
        assertThat(useCaseThreads).as("Vert.x's default worker pool when the host names none")
                .singleElement().asString().startsWith("vert.x-worker-thread");

        HttpResponse<Buffer> invalid = send(client, HttpMethod.GET, RefreshRoutes.PATH, MultiMap.caseInsensitiveMultiMap(), null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(envelope(invalid).getString("error")).isEqualTo("invalid_headers");

        HttpResponse<Buffer> wrongMethod = send(client, HttpMethod.POST, RefreshRoutes.PATH, validHeaders(), "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.getHeader("Allow")).isEqualTo("GET");
        assertThat(envelope(wrongMethod).getString("error")).isEqualTo("method_not_allowed");

        useCaseFails = true;
        HttpResponse<Buffer> bug = send(client, HttpMethod.GET, RefreshRoutes.PATH, validHeaders(), null);
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(envelope(bug).getString("error")).isEqualTo("internal_error");

        HttpResponse<Buffer> jwks = send(client, HttpMethod.GET, RefreshRoutes.JWKS_PATH, MultiMap.caseInsensitiveMultiMap(), null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.bodyAsString()).isEqualTo(RefreshRoutes.NO_PUBLIC_KEYS);
    }

    @Test
    void a_host_drains_by_the_admission_it_passed() {
        Router host = hostRouter();
        RefreshRoutes.mount(host, options);
        WebClient client = serve(host);
        assertThat(send(client, HttpMethod.GET, RefreshRoutes.PATH, validHeaders(), null).getHeader("Connection"))
                .isNotEqualTo("close");

        options.admission().beginDraining();
        HttpResponse<Buffer> last = send(client, HttpMethod.GET, RefreshRoutes.PATH, validHeaders(), null);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.getHeader("Connection")).isEqualTo("close");
        assertThat(options.admission().unanswered()).isZero();
    }

    @Test
    void the_management_routes_and_the_admin_api_mount_beside_the_hosts_routes() {
        Router host = hostRouter();
        ManagementRoutes.mount(host, new ManagementRoutes.Options(HealthChecks.create(vertx), HealthChecks.create(vertx),
                () -> "up 1\n", Buffer.buffer("{}")));
        AdminRoutes.mount(host, adminUseCases(), ADMIN_TOKEN);
        WebClient client = serve(host);
        MultiMap none = MultiMap.caseInsensitiveMultiMap();

        HttpResponse<Buffer> live = send(client, HttpMethod.GET, ManagementRoutes.LIVE, none, null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(envelope(live).getString("status")).isEqualTo("UP");
        assertThat(send(client, HttpMethod.GET, "/host/nowhere", none, null).bodyAsString()).isEqualTo(HOST_NOT_FOUND);

        HttpResponse<Buffer> unauthorized = send(client, HttpMethod.DELETE, "/admin/sessions/7", none, null);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(envelope(unauthorized).getString("error")).isEqualTo("admin_unauthorized");

        MultiMap admin = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(send(client, HttpMethod.DELETE, "/admin/sessions/7", admin, null).statusCode()).isEqualTo(204);
        HttpResponse<Buffer> tooLarge = send(client, HttpMethod.PUT, "/admin/applications/7",
                admin.add("Content-Type", "application/json"), "x".repeat(AdminRoutes.MAX_BODY_BYTES + 1));
        assertThat(tooLarge.statusCode()).as("the admin API's own limit, ahead of the host's body handler").isEqualTo(413);
        assertThat(envelope(tooLarge).getString("error")).isEqualTo("body_too_large");
    }

    /** Only revoking a session is called here; any other use case fails the test. */
    private static AdminRoutes.UseCases adminUseCases() {
        RevokeSessionsUseCase revoke = new RevokeSessionsUseCase() {
            @Override
            public SessionRevocation revoke(SessionId id) {
                return SessionRevocation.REVOKED;
            }

            @Override
            public int revokeCustomerSessions(CustomerId customer) {
                throw new AssertionError("not called");
            }
        };
        return new AdminRoutes.UseCases(notCalled(RegisterApplicationUseCase.class), notCalled(ImportCustomersUseCase.class),
                notCalled(DeleteCustomerUseCase.class), notCalled(IssueTokenUseCase.class),
                notCalled(ListSessionsUseCase.class), revoke);
    }

    /** A use case that fails the test if called. */
    static <T> T notCalled(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            throw new AssertionError(method.getName() + " not called");
        }));
    }
}
