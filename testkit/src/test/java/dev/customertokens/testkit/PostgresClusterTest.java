package dev.customertokens.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replication helper does what the failover tests rely on: a standby made from a base backup streams
 * synchronously, holds every committed row after its primary is killed, and accepts writes once promoted;
 * a detached standby misses what its primary commits after the detachment.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresClusterTest {

    @TempDir
    Path dir;

    @Test
    void a_synchronous_standby_holds_every_commit_after_the_primary_crashes_and_takes_writes_once_promoted() {
        try (PostgresCluster primary = PostgresCluster.primary(dir.resolve("primary"),
                Map.of("synchronous_standby_names", "'standby'"));
             PostgresCluster standby = primary.standby(dir.resolve("standby"), "standby")) {
            primary.awaitStandby("standby", "sync");
            primary.execute("CREATE TABLE t (n INT)");
            primary.execute("INSERT INTO t SELECT generate_series(1, 100)");
            assertThat(standby.queryString("SELECT pg_is_in_recovery()")).isEqualTo("t");

            primary.stopImmediately();
            standby.promote();

            assertThat(standby.queryString("SELECT pg_is_in_recovery()")).isEqualTo("f");
            assertThat(standby.queryString("SELECT count(*) FROM t")).isEqualTo("100");
            standby.execute("INSERT INTO t VALUES (101)");
            assertThat(standby.queryString("SELECT count(*) FROM t")).isEqualTo("101");
        }
    }

    @Test
    void a_detached_standby_misses_the_commits_that_follow_and_keeps_those_before() {
        try (PostgresCluster primary = PostgresCluster.primary(dir.resolve("primary"), Map.of());
             PostgresCluster standby = primary.standby(dir.resolve("standby"), "behind")) {
            primary.awaitStandby("behind", "async");
            primary.execute("CREATE TABLE t (n INT)");
            primary.execute("INSERT INTO t VALUES (1)");
            String flushed = primary.queryString("SELECT pg_current_wal_flush_lsn()");
            while (!"t".equals(standby.queryString("SELECT pg_last_wal_replay_lsn() >= '" + flushed + "'"))) {
                Thread.onSpinWait(); // polling the standby's replay, not waiting for a deadline
            }

            standby.detachFromPrimary();
            primary.execute("INSERT INTO t VALUES (2)");
            primary.stopImmediately();
            standby.promote();

            assertThat(standby.queryString("SELECT string_agg(n::text, ',' ORDER BY n) FROM t")).isEqualTo("1");
        }
    }
}
