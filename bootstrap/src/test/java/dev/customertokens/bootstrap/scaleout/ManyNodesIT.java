package dev.customertokens.bootstrap.scaleout;

import dev.customertokens.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT 6 with three {@code serve} processes of the built jar on one PostgreSQL database: each client
 * sends its refreshes to the nodes in turn; one node is killed (SIGKILL) under load, and the clients whose
 * request it held retry it on the next node with the same {@code X-Request-ID}. No session is lost, and
 * the database counts exactly the rotations the clients were answered: no retry rotated twice.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ManyNodesIT {

    private static final int NODES = 3;
    private static final int CLIENTS = 18;

    @TempDir
    Path dir;

    @Test
    void a_node_killed_under_load_costs_no_session_and_no_double_rotation() throws Exception {
        String url = EmbeddedPostgresServer.newDatabaseUrl();
        List<ServeProcess> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < NODES; n++) {
                nodes.add(ServeProcess.start(dir, "node-" + n, url));
            }
            nodes.get(0).registerApplication();
            List<ChainedClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String customer = "many-nodes-" + i;
                clients.add(new ChainedClient(customer, nodes.get(i % NODES).login(customer), i % NODES));
            }
            ServeProcess victim = nodes.get(1);
            int beforeKill;
            try (ClientLoad load = ClientLoad.start(clients, n -> nodes.get(n).refreshUri(), NODES)) {
                load.awaitMore(1_000, 120);
                beforeKill = load.rotated();
                victim.kill();
                load.awaitMore(1_000, 120);
                load.stop();

                assertThat(load.problems()).as("no 401, no 5xx but 503 unavailable").isEmpty();
                assertThat(load.unreachable()).as("requests the killed node never answered, retried elsewhere").isPositive();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (ChainedClient client : clients) {
                    HttpResponse<String> after = client.refreshAfresh(http, nodes.get(2).refreshUri());
                    assertThat(after.statusCode()).as("%s's last token: %s", client.customerId(), after.body()).isEqualTo(200);
                }
                Map<String, FailoverIT.StoredChain> stored = FailoverIT.storedChains(DriverManager.getConnection(url, "postgres", ""));
                for (ChainedClient client : clients) {
                    assertThat(stored.get(client.customerId()).rotations()).as("rotations of %s: one a 200, none twice",
                            client.customerId()).isEqualTo(client.rotations() + 1L);
                }
                FailoverIT.record("many-nodes.txt", String.format(Locale.ROOT, "nodes=%d, clients=%d, 200s before the kill=%d, "
                                + "200s in all=%d, requests sent to the killed node after it died or in flight, retried on another=%d, 503=%d, "
                                + "sessions lost=0, double rotations=0", NODES, CLIENTS, beforeKill, load.rotated(),
                        load.unreachable(), load.unavailable()));
            }
        } finally {
            for (ServeProcess node : nodes) {
                node.close();
            }
        }
    }
}
