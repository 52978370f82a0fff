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
                    Map<String, Long> stored = storedRotations(standby.connect());
                    for (ChainedClient client : clients) {
                        assertThat(stored.get(client.customerId())).as("rotations of %s stored on the promoted standby",
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
    void asynchronous_standby_left_behind_forgets_rotations_and_logs_no_customer_out() throws Exception {
        try (PostgresCluster primary = PostgresCluster.primary(dir.resolve("primary"), Map.of());
             PostgresCluster standby = primary.standby(dir.resolve("standby"), "behind")) {
            primary.awaitStandby("behind", "async");
            try (ServeProcess serve = ServeProcess.start(dir, "node", urlOf(primary, standby))) {
                List<ChainedClient> clients = sessions(serve);
                try (ClientLoad load = ClientLoad.start(clients, n -> serve.refreshUri(), 1)) {
                    load.awaitMore(500, 120);
                    int atDetachment = load.rotated();
                    standby.detachFromPrimary();
                    long detachedAt = System.nanoTime();
                    // every client's newest token a clock second or more after the standby's newest state
                    load.awaitUntil("a 200 for every client 1.1 s after the detachment", 60, () -> clients.stream()
                            .allMatch(c -> c.last200Nanos() > detachedAt + TimeUnit.MILLISECONDS.toNanos(1_100)));
                    long crashedAt = System.nanoTime();
                    int acknowledgedAtCrash = load.rotated();
                    primary.stopImmediately();
                    TimeUnit.MILLISECONDS.sleep(SWITCH_MILLIS);
                    standby.promote();
                    load.awaitMore(1_000, 120);
                    load.stop();

                    assertThat(load.problems()).as("no 401: nobody logged out, nothing but 200 and 503").isEmpty();
                    everyLastTokenStillRefreshes(serve, clients);
                    Map<String, Long> stored = storedRotations(standby.connect());
                    long lost = 0;
                    for (ChainedClient client : clients) {
                        long forgotten = client.rotations() + 1L - stored.get(client.customerId());
                        assertThat(forgotten).as("%s lost rotations answered 200", client.customerId()).isPositive();
                        lost += forgotten;
                    }
                    long fastForwards = serve.log().lines().filter(line -> line.contains("session_fast_forwarded")).count();
                    assertThat(fastForwards).as("each session moved forward to its client's newest token").isEqualTo(CLIENTS);
                    record("failover-asynchronous.txt", String.format(java.util.Locale.ROOT,
                            "clients=%d, standby detached %.2f s before the crash, 200s while it was detached=%d, "
                                    + "acknowledged rotations forgotten=%d, sessions moved forward=%d, 401s=0, 503 unavailable=%d",
                            CLIENTS, seconds(crashedAt - detachedAt), acknowledgedAtCrash - atDetachment, lost,
                            fastForwards, load.unavailable()));
                }
            }
        }
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

    /** Each customer's session's rotations, as the database {@code connection} leads to stores them. */
    static Map<String, Long> storedRotations(Connection connection) throws SQLException {
        Map<String, Long> rotations = new HashMap<>();
        try (connection; Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT customer_id, rotations FROM session_chains")) {
            while (rs.next()) {
                rotations.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rotations;
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
