package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service nodes (each its own Vert.x and connection pool) on one real PostgreSQL: of many concurrent
 * refreshes of one token spread over both, exactly one rotates, and every client gets its successor.
 */
class MultiNodePostgresTest {

    private static final int SESSIONS = 100;
    private static final int REFRESHES_PER_SESSION = 20;

    private final MutableClock clock = new MutableClock(TestService.START);
    private final String url = EmbeddedPostgresServer.newDatabaseUrl();
    private final TestService nodeA = new TestService(clock, url, "--db-user", "postgres", "--db-pool-size", "16");
    private final TestService nodeB = new TestService(clock, url, "--db-user", "postgres", "--db-pool-size", "16");

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    private static String errorOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getString("error");
    }

    static void awaitAll(List<? extends Future<?>> futures) {
        try {
            Future.join(futures).await(5, TimeUnit.MINUTES);
        } catch (Exception someFailed) {
            // each future is inspected by the caller
        }
    }

    @Test
    void concurrent_refreshes_over_two_nodes_rotate_each_session_exactly_once() {
        CustomerTokens admin = nodeA.tokens();
        admin.administration().register(DemoData.demoApplication());
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            CustomerAccount customer = DemoData.customer("multi-node-" + i, 1);
            admin.administration().importAccounts(List.of(customer));
            logins.add(admin.issueToken().issue(new IssueTokenCommand(customer.id(), DemoData.DEMO_KEY, null)).token());
        }

        List<List<Future<HttpResponse<Buffer>>>> perSession = new ArrayList<>();
        for (String login : logins) {
            List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
            for (int i = 0; i < REFRESHES_PER_SESSION; i++) {
                TestService node = i % 2 == 0 ? nodeA : nodeB;
                inFlight.add(node.client.request(HttpMethod.GET, "/api/customers/refresh")
                        .putHeaders(TestService.validHeaders(login)).timeout(60_000).send());
            }
            perSession.add(inFlight);
        }
        List<Future<HttpResponse<Buffer>>> all = perSession.stream().flatMap(List::stream).toList();
        awaitAll(all);

        long ok = all.stream().filter(f -> f.succeeded() && f.result().statusCode() == 200).count();
        Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(
                f -> f.succeeded() ? f.result().statusCode() : -1, Collectors.counting()));
        long rotations = 0;
        List<String> successors = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            Set<String> distinct = perSession.get(s).stream().filter(Future::succeeded)
                    .map(f -> tokenOf(f.result())).collect(Collectors.toSet());
            assertThat(distinct).as("session %d answers one successor", s).hasSize(1);
            Session stored = admin.database().sessions().find(SessionId.of(TokenForge.payloadOf(logins.get(s)).getLong("session_id")))
                    .orElseThrow();
            assertThat(stored.rotations()).as("rotations stored for session %d", s).isEqualTo(1);
            assertThat(stored.currentJti()).isEqualTo(TokenForge.payloadOf(distinct.iterator().next()).getString("jti"));
            rotations += stored.rotations();
            successors.add(distinct.iterator().next());
        }
        System.err.printf("multi-node: %d requests over 2 nodes, %d answered 200, statuses %s, %d rotations stored for %d sessions%n",
                all.size(), ok, byStatus, rotations, SESSIONS);
        assertThat(byStatus).containsExactly(Map.entry(200, (long) SESSIONS * REFRESHES_PER_SESSION));

        clock.advance(Duration.ofSeconds(31));
        for (int s = 0; s < SESSIONS; s++) {
            TestService replayNode = s % 2 == 0 ? nodeA : nodeB;
            TestService otherNode = s % 2 == 0 ? nodeB : nodeA;
            HttpResponse<Buffer> replay = replayNode.refresh(logins.get(s));
            assertThat(replay.statusCode()).isEqualTo(401);
            assertThat(errorOf(replay)).isEqualTo("token_reused");
            assertThat(errorOf(otherNode.refresh(successors.get(s)))).isEqualTo("session_revoked");
            assertThat(errorOf(replayNode.refresh(successors.get(s)))).isEqualTo("session_revoked");
        }
    }
}
