package dev.customertokens.adapters.persistence.postgres;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two service nodes (two pools) on one PostgreSQL, racing to rotate the same token: one rotation only. */
class PostgresTwoNodesRaceTest {

    private static final int THREADS_PER_NODE = 16;
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.123Z");

    @RepeatedTest(5)
    void of_two_nodes_racing_to_rotate_the_same_token_exactly_one_rotation_wins() throws Exception {
        DatabaseSettings settings = DatabaseSettings.builder().jdbcUrl(EmbeddedPostgresServer.newDatabaseUrl())
                .user("postgres").poolSize(THREADS_PER_NODE).build();
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            SessionId id = first.sessions().nextId();
            first.sessions().create(Session.begin(id, CustomerId.of("racer"), ApplicationId.of(15), null, NOW, "jti-0"));

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
            try {
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int i = 0; i < 2 * THREADS_PER_NODE; i++) {
                    Database node = i % 2 == 0 ? first : second;
                    Rotation rotation = new Rotation(id, CustomerId.of("racer"), "jti-0", "jti-" + (i + 1), NOW,
                            RequestId.of("request-" + i), null);
                    outcomes.add(threads.submit(() -> {
                        start.await();
                        return node.sessions().rotate(rotation);
                    }));
                }
                start.countDown();

                List<Integer> winners = new ArrayList<>();
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).get(60, TimeUnit.SECONDS)) {
                        winners.add(i);
                    }
                }

                assertThat(winners).hasSize(1);
                Session stored = second.sessions().find(id).orElseThrow();
                assertThat(stored.currentJti()).isEqualTo("jti-" + (winners.get(0) + 1));
                assertThat(stored.rotations()).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
