package dev.customertokens.bootstrap.scaleout;

import dev.customertokens.testkit.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT 6 on a real primary and standby, with the built jar's {@code serve} on both hosts' URL: the
 * primary killed under a load of chained rotations and the standby promoted, with no restart of the service.
 * Synchronous replication loses no rotation answered 200; a standby left behind forgets some, and no
 * customer is logged out for it (CONTRACT 2.3). Each run's figures go to {@code target/scale-out/}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FailoverIT {

    /**
     * What docs/scale-out.md documents: the primary wherever it is, a connection attempt bounded, a statement
     * on a host gone silent bounded (a killed server's sockets close at once; a lost host's do not).
     */
    static final String URL_PARAMETERS = "targetServerType=primary&connectTimeout=2&socketTimeout=10&tcpKeepAlive=true";
    private static final int CLIENTS = 16;
    private static final long SWITCH_MILLIS = 2_000;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void synchronous_standby_promoted_under_load_keeps_every_rotation_answered_200() throws Exception {
        try (PostgresCluster primary = PostgresCluster.primary(dir.resolve("primary"),
                Map.of("synchronous_standby_names", "'standby'"));
             PostgresCluster standby = primary.standby(dir.resolve("standby"), "standby")) {
            primary.awaitStandby("standby", "sync");
            try (ServeProcess serve = ServeProcess.start(dir, "node", urlOf(primary, standby))) {
                List<ChainedClient> clients = sessions(serve);
                long pid = serve.pid();
                try (ReadinessTimeline readiness = ReadinessTimeline.watch(serve);
                     ClientLoad load = ClientLoad.start(clients, n -> serve.refreshUri(), 1)) {
                    load.awaitMore(1_000, 120);
                    int beforeCrash = load.rotated();
                    long crashedAt = System.nanoTime();
                    primary.stopImmediately();
                    TimeUnit.MILLISECONDS.sleep(SWITCH_MILLIS); // the operator's delay before promoting
                    long promotedAt = System.nanoTime();
                    standby.promote();
                    load.awaitUntil("a 200 after the promotion", 60,
                            () -> clients.stream().anyMatch(c -> c.last200Nanos() > promotedAt));
                    long first200 = System.nanoTime(); // within the 20 ms of the wait's polling
                    load.awaitMore(1_000, 120);
                    load.stop();

                    assertThat(load.problems()).as("nothing but 200 and 503 unavailable with Retry-After").isEmpty();
                    assertThat(load.unreachable()).as("no connection dropped").isZero();
                    assertThat(load.unavailable()).as("503s while no primary answered").isPositive();
                    long down = readiness.firstAfter(crashedAt, false).orElseThrow(() -> new AssertionError("never DOWN"));
                    long up = readiness.firstAfter(down, true).orElseThrow(() -> new AssertionError("never UP again"));
                    assertThat(serve.isAlive()).isTrue();
                    assertThat(serve.pid()).as("no restart").isEqualTo(pid);
                    everyLastTokenStillRefreshes(serve, clients);
                    Map<String, StoredChain> stored = storedChains(standby.connect());
                    for (ChainedClient client : clients) {
                        assertThat(stored.get(client.customerId()).rotations()).as("rotations of %s stored on the promoted standby",
                                client.customerId()).isEqualTo(client.rotations() + 1L);
                    }
                    assertThat(serve.log()).doesNotContain("session_fast_forwarded");
                    record("failover-synchronous.txt", String.format(java.util.Locale.ROOT,
                            "clients=%d, 200s before the crash=%d, 200s in all=%d, 503 unavailable=%d, "
                                    + "promoted %.1f s after the crash, first 200 %.2f s after the promotion began, "
                                    + "readiness answered DOWN %.2f s and UP %.2f s after the crash, rotations lost=0",
                            CLIENTS, beforeCrash, load.rotated(), load.unavailable(), seconds(promotedAt - crashedAt),
                            seconds(first200 - promotedAt), seconds(down - crashedAt), seconds(up - crashedAt)));
                }
            }
        }
    }

    @Test
    void asynchronous_standby_a_second_behind_forgets_rotations_and_logs_no_customer_out() throws Exception {
        asynchronousFailover(true, after -> {
            assertThat(after.load().problems()).as("no 401: nobody logged out, nothing but 200 and 503").isEmpty();
            everyLastTokenStillRefreshes(after.serve(), after.clients());
            Map<String, StoredChain> stored = storedChains(after.promoted().connect());
            long lost = 0;
            for (ChainedClient client : after.clients()) {
                long forgotten = client.rotations() + 1L - stored.get(client.customerId()).rotations();
                assertThat(forgotten).as("%s lost rotations answered 200", client.customerId()).isPositive();
                lost += forgotten;
            }
            long fastForwards = fastForwards(after.serve());
            assertThat(fastForwards).as("each session moved forward to its client's newest token").isEqualTo(CLIENTS);
            record("failover-asynchronous.txt", after.figures(lost, fastForwards, 0));
        });
    }

    /**
     * Less than a second behind, the forgotten rotations mostly fall in the clock second of the standby's
     * newest one; the issue millisecond in each token's id still orders them, so every session moves forward.
     */
    @Test
    void asynchronous_standby_under_a_second_behind_logs_nobody_out() throws Exception {
        asynchronousFailover(false, after -> {
            List<ChainedClient> clients = after.clients();
            assertThat(clients).allSatisfy(client -> assertThat(client.problems())
                    .as("%s kept its session: token ids order tokens of one second", client.customerId()).isEmpty());
            everyLastTokenStillRefreshes(after.serve(), clients);
            Map<String, StoredChain> stored = storedChains(after.promoted().connect());
            long lost = 0;
            long movedForward = 0;
            for (ChainedClient client : clients) {
                long forgotten = client.rotations() + 1L - stored.get(client.customerId()).rotations();
                lost += forgotten;
                movedForward += forgotten > 0 ? 1 : 0;
            }
            assertThat(lost).as("the standby was behind").isPositive();
            long fastForwards = fastForwards(after.serve());
            assertThat(fastForwards).as("sessions moved forward").isEqualTo(movedForward);
            record("failover-asynchronous-subsecond.txt", after.figures(lost, fastForwards, 0));
        });
    }

    /** What an asynchronous failover left behind, for a test to check. */
    private record AfterFailover(List<ChainedClient> clients, ClientLoad load, ServeProcess serve, PostgresCluster promoted,
                                 double behindSeconds, int answeredWhileBehind) {

        String figures(long lost, long fastForwards, int loggedOut) {
            return String.format(java.util.Locale.ROOT, "clients=%d, standby detached %.2f s before the crash, "
                            + "200s from the detachment to the crash=%d, acknowledged rotations forgotten=%d, "
                            + "sessions moved forward=%d, sessions refused token_reused=%d, 503 unavailable=%d",
                    clients.size(), behindSeconds, answeredWhileBehind, lost, fastForwards, loggedOut, load.unavailable());
        }
    }

    @FunctionalInterface
    private interface FailoverCheck {
        void check(AfterFailover after) throws Exception;
    }

    /**
     * Chained rotations on an asynchronous primary; its standby detached, so that it falls behind; then, once
     * every client holds a token of a later clock second ({@code pastTheSecond}) or 0.2 s later, the primary
     * killed and the standby promoted, and the clients carry on until each has its answer.
     */
    private void asynchronousFailover(boolean pastTheSecond, FailoverCheck check) throws Exception {
        try (PostgresCluster primary = PostgresCluster.primary(dir.resolve("primary"), Map.of());
             PostgresCluster standby = primary.standby(dir.resolve("standby"), "behind")) {
            primary.awaitStandby("behind", "async");
            try (ServeProcess serve = ServeProcess.start(dir, "node", urlOf(primary, standby))) {
                List<ChainedClient> clients = sessions(serve);
                try (ClientLoad load = ClientLoad.start(clients, n -> serve.refreshUri(), 1)) {
                    load.awaitMore(500, 120);
                    int atDetachment = load.rotated();
                    long detachingAt = System.nanoTime();
                    standby.detachFromPrimary();
                    long detachedAt = System.nanoTime();
                    if (pastTheSecond) {
                        load.awaitUntil("a 200 for every client 1.1 s after the detachment", 60, () -> clients.stream()
                                .allMatch(c -> c.last200Nanos() > detachedAt + TimeUnit.MILLISECONDS.toNanos(1_100)));
                    } else {
                        TimeUnit.MILLISECONDS.sleep(200); // a standby a moment behind, as on a busy network
                    }
                    long crashedAt = System.nanoTime();
                    int acknowledgedAtCrash = load.rotated();
                    primary.stopImmediately();
                    TimeUnit.MILLISECONDS.sleep(SWITCH_MILLIS);
                    long promotedAt = System.nanoTime();
                    standby.promote();
                    load.awaitDespiteProblems("every client's answer after the promotion", 60, () -> clients.stream()
                            .allMatch(c -> c.last200Nanos() > promotedAt || !c.problems().isEmpty()));
                    load.stop();
                    check.check(new AfterFailover(clients, load, serve, standby, seconds(crashedAt - detachingAt),
                            acknowledgedAtCrash - atDetachment));
                }
            }
        }
    }

    private static long fastForwards(ServeProcess serve) throws IOException {
        return serve.log().lines().filter(line -> line.contains("session_fast_forwarded")).count();
    }

    private static String urlOf(PostgresCluster primary, PostgresCluster standby) {
        return "jdbc:postgresql://" + primary.hostAndPort() + "," + standby.hostAndPort() + "/postgres?" + URL_PARAMETERS;
    }

    private static List<ChainedClient> sessions(ServeProcess serve) throws IOException, InterruptedException {
        serve.registerApplication();
        List<ChainedClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String customer = "failover-" + i;
            clients.add(new ChainedClient(customer, serve.login(customer), 0));
        }
        return clients;
    }

    /** With no grace period a fresh request id refreshes only a current token: none was lost or left behind. */
    private void everyLastTokenStillRefreshes(ServeProcess serve, List<ChainedClient> clients) throws Exception {
        for (ChainedClient client : clients) {
            HttpResponse<String> after = client.refreshAfresh(http, serve.refreshUri());
            assertThat(after.statusCode()).as("%s's last token: %s", client.customerId(), after.body()).isEqualTo(200);
        }
    }

    /** What the database stores of a customer's session's chain. */
    record StoredChain(long rotations, long rotatedAtMs) {
    }

    /** Each customer's session's chain, as the database {@code connection} leads to stores it. */
    static Map<String, StoredChain> storedChains(Connection connection) throws SQLException {
        Map<String, StoredChain> chains = new HashMap<>();
        try (connection; Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT customer_id, rotations, rotated_at_ms FROM session_chains")) {
            while (rs.next()) {
                chains.put(rs.getString(1), new StoredChain(rs.getLong(2), rs.getLong(3)));
            }
        }
        return chains;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void record(String file, String figures) throws IOException {
        Path folder = Path.of("target", "scale-out");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(file), figures + "\n");
        System.out.println(file + ": " + figures);
    }
}
