package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database fault costs a retry, never a session: while PostgreSQL is down the service answers 503
 * with Retry-After (no hang, no 500), it recovers by itself, and a rotation cut off by the outage is
 * applied wholly or not at all.
 */
class PostgresFaultsTest {

    @TempDir
    Path dataDir;

    private int port;
    private EmbeddedPostgres postgres;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    @BeforeEach
    void startPostgresOnAFixedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        postgres = startPostgres();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private TestService node(MutableClock clock) {
        TestService node = new TestService(clock, "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "--db-user", "postgres", "--db-pool-size", "8");
        toClose.add(node);
        node.tokens().administration().register(DemoData.demoApplication());
        return node;
    }

    private static String login(TestService node, String customerId) {
        CustomerAccount customer = DemoData.customer(customerId, 1);
        node.tokens().administration().importAccounts(List.of(customer));
        return node.tokens().issueToken().issue(new IssueTokenCommand(customer.id(), DemoData.DEMO_KEY, null)).token();
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    @Test
    void while_the_database_is_down_readiness_names_it_and_metrics_still_answer() throws Exception {
        TestService node = node(new MutableClock(TestService.START));
        String token = login(node, "ready-1");
        assertThat(node.refresh(token).statusCode()).isEqualTo(200);
        assertThat(node.management(io.vertx.core.http.HttpMethod.GET, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(node.management(io.vertx.core.http.HttpMethod.GET, "/metrics").bodyAsString())
                .as("the refresh's read and rotation each went to PostgreSQL in a batch of one")
                .contains("customer_tokens_refresh_statement_batch_size_count{statement=\"read\"} 1\n")
                .contains("customer_tokens_refresh_statement_batch_size_sum{statement=\"read\"} 1")
                .contains("customer_tokens_refresh_statement_batch_size_count{statement=\"rotation\"} 1\n");

        postgres.close();
        HttpResponse<Buffer> ready = node.management(io.vertx.core.http.HttpMethod.GET, "/health/ready");
        assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(503);
        JsonObject body = new JsonObject(ready.bodyAsString());
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(check -> check.getString("id").equals("database")).findFirst().orElseThrow().getString("status"))
                .isEqualTo("DOWN");
        java.nio.file.Files.writeString(Path.of("target", "readiness-while-database-down.json"), ready.bodyAsString());
        assertThat(node.management(io.vertx.core.http.HttpMethod.GET, "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> metrics = node.management(io.vertx.core.http.HttpMethod.GET, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.bodyAsString()).contains("hikaricp_connections").contains("customer_tokens_refresh_total");

        postgres = startPostgres();
        HttpResponse<Buffer> back = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            back = node.management(io.vertx.core.http.HttpMethod.GET, "/health/ready");
            if (back.statusCode() == 200) {
                break;
            }
        }
        assertThat(back.statusCode()).as("ready again once the database is back").isEqualTo(200);
    }

    @Test
    void while_the_database_is_down_requests_answer_503_and_the_service_recovers_by_itself() throws Exception {
        TestService node = node(new MutableClock(TestService.START));
        String token = login(node, "fault-1");

        postgres.close();
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> response = node.refresh(token);
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
            assertThat(new JsonObject(response.bodyAsString()).getString("error")).isEqualTo("unavailable");
            assertThat(response.getHeader("Retry-After")).matches("\\d+");
        }

        postgres = startPostgres();
        HttpResponse<Buffer> recovered = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            recovered = node.refresh(token);
            if (recovered.statusCode() != 503) {
                break;
            }
        }
        assertThat(recovered.statusCode()).as(recovered.bodyAsString()).isEqualTo(200);
    }

    /** Time moves a minute at every reading, so no answer is ever within another's grace period. */
    private static final class RacingClock extends MutableClock {
        private final AtomicLong readings = new AtomicLong();

        RacingClock() {
            super(TestService.START);
        }

        @Override
        public Instant instant() {
            return TestService.START.plus(Duration.ofMinutes(readings.incrementAndGet()));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }
    }

    @Test
    void a_restart_under_load_loses_no_session() throws Exception {
        TestService node = node(new RacingClock());
        int sessions = 16;
        List<String> held = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            held.add(login(node, "restart-" + s));
        }
        Map<Integer, List<String>> received = new ConcurrentHashMap<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(sessions);
        ExecutorService clients = Executors.newFixedThreadPool(sessions);
        for (int s = 0; s < sessions; s++) {
            int session = s;
            received.put(s, new ArrayList<>());
            clients.submit(() -> {
                String token = held.get(session);
                for (int round = 0; round < 30; round++) {
                    if (round == 10) {
                        halfway.countDown();
                    }
                    String requestId = UUID.randomUUID().toString();
                    // A client that gets no 200 retries the same token with the same request id, as CONTRACT 2.3 allows.
                    for (int attempt = 0; attempt < 200; attempt++) {
                        HttpResponse<Buffer> response = node.refresh(token, requestId);
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                            token = tokenOf(response);
                            received.get(session).add(token);
                            break;
                        }
                        if (response.statusCode() == 503) {
                            unavailable.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                            received.get(session).add("ERROR " + response.bodyAsString());
                            return;
                        }
                    }
                }
                held.set(session, token);
            });
        }
        assertThat(halfway.await(2, TimeUnit.MINUTES)).isTrue();
        postgres.close();
        postgres = startPostgres();
        clients.shutdown();
        assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).isTrue();

        System.err.printf("restart under load: %d rotations answered, %d answers 503, %d other%n",
                ok.get(), unavailable.get(), other.get());
        assertThat(other.get()).as("no answer but 200 or 503: %s", received).isZero();
        for (int s = 0; s < sessions; s++) {
            Session stored = node.tokens().database().sessions()
                    .find(SessionId.of(TokenForge.payloadOf(held.get(s)).getLong("session_id"))).orElseThrow();
            assertThat(stored.isRevoked()).isFalse();
            assertThat(stored.currentJti()).as("session %d is at a token its client received", s)
                    .isEqualTo(TokenForge.payloadOf(held.get(s)).getString("jti"));
            assertThat(node.refresh(held.get(s)).statusCode()).isEqualTo(200);
        }
    }
}
