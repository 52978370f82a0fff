package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.SessionHousekeeping;
import dev.customertokens.application.service.PurgeSessionsService;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import dev.customertokens.testkit.MutableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Housekeeping (CONTRACT 4.4) on real databases: what is purged, what stays, and many purgers at once. */
class SessionHousekeepingTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration REFRESH_TTL = Duration.ofDays(100);
    private static final Duration RETENTION = Duration.ofDays(30);

    /**
     * 100,000 sessions in four kinds, 25,000 each: window ended (purged), revoked long ago (purged),
     * revoked recently (kept), live (kept). Four purgers run at once, as four nodes would.
     */
    @Test
    void a_hundred_thousand_sessions_four_purgers_at_once_on_h2() throws Exception {
        String url = "jdbc:h2:mem:purge-" + System.nanoTime();
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            Kinds kinds = seed(database, 25_000);
            MutableClock clock = new MutableClock(NOW);
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            List<Future<Long>> purged = new ArrayList<>();
            for (int node = 0; node < 4; node++) {
                PurgeSessionsService purge = new PurgeSessionsService(database.housekeeping(), clock, REFRESH_TTL,
                        RETENTION, PurgeSessionsService.DEFAULT_BATCH_SIZE, event -> { });
                purged.add(nodes.submit(purge::purge));
            }
            long total = 0;
            for (Future<Long> each : purged) {
                total += each.get();
            }
            nodes.shutdown();

            assertThat(total).as("every purged session counted once over all nodes").isEqualTo(50_000);
            assertThat(database.sessions().find(kinds.windowEnded)).isEmpty();
            assertThat(database.sessions().find(kinds.revokedLongAgo)).isEmpty();
            assertThat(database.sessions().find(kinds.revokedRecently)).isPresent();
            assertThat(database.sessions().find(kinds.live)).isPresent();
            assertThat(count(url, "sa")).isEqualTo(50_000);
            assertThat(database.housekeeping().purgeBatch(NOW.minus(REFRESH_TTL), NOW.minus(RETENTION), 1_000)).isZero();
        }
    }

    @Test
    void batches_are_bounded_and_the_same_statements_run_on_postgresql() {
        String url = EmbeddedPostgresServer.newDatabaseUrl();
        try (Database database = Database.open(DatabaseSettings.of(url, "postgres", null))) {
            Kinds kinds = seed(database, 30);
            SessionHousekeeping housekeeping = database.housekeeping();
            assertThat(housekeeping.purgeBatch(NOW.minus(REFRESH_TTL), NOW.minus(RETENTION), 40)).isEqualTo(40);
            assertThat(housekeeping.purgeBatch(NOW.minus(REFRESH_TTL), NOW.minus(RETENTION), 40)).isEqualTo(20);
            assertThat(housekeeping.purgeBatch(NOW.minus(REFRESH_TTL), NOW.minus(RETENTION), 40)).isZero();
            assertThat(database.sessions().find(kinds.revokedRecently)).isPresent();
            assertThat(database.sessions().find(kinds.live)).isPresent();
            assertThat(count(url, "postgres")).isEqualTo(60);
            assertThat(database.ping()).isEmpty();
        }
    }

    @Test
    void readiness_names_an_unreachable_database_and_a_schema_behind_this_build() {
        String url = "jdbc:h2:mem:ping-" + System.nanoTime();
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            assertThat(database.ping()).isEmpty();
            Jdbi.create(url, "sa", "").useHandle(handle -> handle.execute(
                    "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = ?", database.schemaVersion()));
            assertThat(database.ping()).get().asString().contains("this build needs " + database.schemaVersion());
            database.close();
            assertThat(database.ping()).contains("the database cannot be reached");
        }
    }

    private record Kinds(SessionId windowEnded, SessionId revokedLongAgo, SessionId revokedRecently, SessionId live) {
    }

    private static Kinds seed(Database database, int eachKind) {
        Instant windowEndedStart = NOW.minus(REFRESH_TTL).minusSeconds(1);
        Instant recentStart = NOW.minus(Duration.ofDays(40));
        SessionId[] firsts = new SessionId[4];
        for (int i = 0; i < eachKind; i++) {
            for (int kind = 0; kind < 4; kind++) {
                SessionId id = database.sessions().nextId();
                if (i == 0) {
                    firsts[kind] = id;
                }
                Instant started = kind == 0 ? windowEndedStart.minusSeconds(i) : recentStart;
                database.sessions().create(Session.begin(id, DemoData.IVAN_ID, DemoData.demoApplication().id(), null,
                        started, "jti-" + id.value()));
                if (kind == 1) {
                    database.sessions().revoke(id, NOW.minus(RETENTION).minusSeconds(i), RevocationReason.REUSE_DETECTED);
                } else if (kind == 2) {
                    database.sessions().revoke(id, NOW.minus(RETENTION).plusSeconds(1), RevocationReason.OPERATOR);
                }
            }
        }
        return new Kinds(firsts[0], firsts[1], firsts[2], firsts[3]);
    }

    private static long count(String url, String user) {
        return Jdbi.create(url, user, "").withHandle(handle ->
                handle.createQuery("SELECT COUNT(*) FROM sessions").mapTo(Long.class).one());
    }
}
