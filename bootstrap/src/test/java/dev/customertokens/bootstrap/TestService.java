package dev.customertokens.bootstrap;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.bootstrap.cli.RunningService;
import dev.customertokens.bootstrap.cli.Settings;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.RefreshRequestHeaders;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real service for HTTP tests: a real server on a random port, a real H2 database (in memory, one
 * per instance), the real JWT codec, and a clock the test moves by hand. Either {@code serve} as the
 * command line runs it, or the endpoint mounted on a host's own Vert.x router ({@link #mountedOnAHostRouter}).
 */
final class TestService implements AutoCloseable {

    static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";
    static final String PUBLIC_URL = "http://tokens.test";
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final MutableClock clock;
    /** Null when the endpoint is mounted on a host's router. */
    final HttpService service;
    final Vertx clientVertx = Vertx.vertx();
    final WebClient client;
    private final CustomerTokens tokens;
    private final AutoCloseable server;

    /** On a fresh in-memory H2 database, with the demo applications and customer. */
    TestService(String... extraFlags) {
        this(new MutableClock(START), "jdbc:h2:mem:http-" + UUID.randomUUID(), extraFlags);
        withDemoData();
    }

    private void withDemoData() {
        tokens.administration().register(DemoData.demoApplication());
        tokens.administration().register(DemoData.otherApplication());
        tokens.administration().importAccounts(List.of(DemoData.ivan()));
    }

    private TestService(MutableClock clock, CustomerTokens tokens, HostServer host) {
        this.clock = clock;
        this.service = null;
        this.tokens = tokens;
        this.server = host;
        this.client = client(host.port());
        withDemoData();
    }

    /**
     * The library built as an embedder builds it, its endpoint mounted on a host's router beside a route of the
     * host's own, on the host's server and worker pool.
     */
    static TestService mountedOnAHostRouter() {
        MutableClock clock = new MutableClock(START);
        CustomerTokens tokens = CustomerTokens.builder()
                .jdbcUrl("jdbc:h2:mem:mounted-" + UUID.randomUUID())
                .jwtSecret(SECRET)
                .publicUrl(PUBLIC_URL)
                .databasePoolSize(8)
                .clock(clock)
                .build();
        return new TestService(clock, tokens, HostServer.start(tokens));
    }

    /** A node on the given database, as is: several nodes may share one database and one clock. */
    TestService(MutableClock clock, String dbUrl, String... extraFlags) {
        this.clock = clock;
        List<String> flags = new ArrayList<>(List.of("--db-url", dbUrl, "--port", "0", "--public-url", PUBLIC_URL));
        if (!List.of(extraFlags).contains("--jwt-algorithm")) {
            flags.addAll(List.of("--jwt-secret", SECRET));
        }
        if (!List.of(extraFlags).contains("--db-pool-size")) {
            flags.addAll(List.of("--db-pool-size", "8"));
        }
        if (!List.of(extraFlags).contains("--management-port")) {
            flags.addAll(List.of("--management-port", "0"));
        }
        flags.addAll(List.of(extraFlags));
        RunningService running = RunningService.start(Settings.parse(Map.of(), flags.toArray(String[]::new)), clock);
        server = running;
        service = running.service();
        tokens = service.customerTokens();
        client = client(service.port());
    }

    private WebClient client(int port) {
        return WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
    }

    CustomerTokens tokens() {
        return tokens;
    }

    TokenGrant login() {
        return login(DemoData.ivan());
    }

    TokenGrant login(CustomerAccount account) {
        tokens().administration().importAccounts(List.of(account));
        return tokens().issueToken().issue(new IssueTokenCommand(account.id(), DemoData.DEMO_KEY, null));
    }

    /** The headers of a valid refresh request, which tests then break one at a time. */
    static MultiMap validHeaders(String token) {
        return MultiMap.caseInsensitiveMultiMap().addAll(RefreshRequestHeaders.valid(token));
    }

    HttpResponse<Buffer> refresh(String token) {
        return send(HttpMethod.GET, "/api/customers/refresh", validHeaders(token));
    }

    HttpResponse<Buffer> refresh(String token, String requestId) {
        return send(HttpMethod.GET, "/api/customers/refresh", validHeaders(token).set("X-Request-ID", requestId));
    }

    HttpResponse<Buffer> send(HttpMethod method, String uri, MultiMap headers) {
        try {
            return client.request(method, uri).putHeaders(headers).send().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /** A request to the management listener. */
    HttpResponse<Buffer> management(HttpMethod method, String uri) {
        try {
            return client.request(method, service.managementPort().orElseThrow(), "127.0.0.1", uri).send()
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /**
     * A request to the admin API on the management listener.
     *
     * @param authorization the Authorization header's value, or null for none
     * @param body          the body, or null for none
     */
    HttpResponse<Buffer> admin(HttpMethod method, String uri, String authorization, String body) {
        try {
            var request = client.request(method, service.managementPort().orElseThrow(), "127.0.0.1", uri);
            if (authorization != null) {
                request.putHeader("Authorization", authorization);
            }
            if (body == null) {
                return request.send().await(30, TimeUnit.SECONDS);
            }
            return request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body))
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /**
     * {@code POST /admin/customers:import} on the management listener.
     *
     * @param authorization the Authorization header's value, or null for none
     * @param contentType   the Content-Type header's value, or null for none
     */
    HttpResponse<Buffer> importCustomers(String authorization, String contentType, Buffer body) {
        try {
            var request = client.request(HttpMethod.POST, service.managementPort().orElseThrow(), "127.0.0.1",
                    "/admin/customers:import");
            if (authorization != null) {
                request.putHeader("Authorization", authorization);
            }
            if (contentType != null) {
                request.putHeader("Content-Type", contentType);
            }
            return request.sendBuffer(body).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            clientVertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the server below must close anyway
        }
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
