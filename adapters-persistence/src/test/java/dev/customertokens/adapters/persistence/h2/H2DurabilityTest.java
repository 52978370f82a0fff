package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's durability promise on the embedded H2 file: a rotation that {@code rotate} reported
 * committed survives the process being killed (SIGKILL, no shutdown hook) the moment after.
 */
class H2DurabilityTest {

    @TempDir
    Path directory;

    @RepeatedTest(3)
    void a_committed_rotation_survives_a_kill_right_after_it() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                H2DurabilityChild.class.getName(), url))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long sessionId;
        try {
            sessionId = awaitRotation(child);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }

        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            Session session = database.sessions().find(SessionId.of(sessionId)).orElseThrow();
            assertThat(session.currentJti()).isEqualTo("jti-2");
            assertThat(session.previousJti()).isEqualTo("jti-1");
            assertThat(session.rotations()).isEqualTo(1);
        }
    }

    @RepeatedTest(3)
    void concurrent_rotations_all_survive_a_kill_in_the_middle_of_a_group_commit() throws Exception {
        killInTheMiddleOfConcurrentRotations("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath(), "journal");
    }

    /**
     * H2's background writer held back for ten minutes: whatever the database file lacks at the kill, the
     * journal alone brings back when the database opens again.
     */
    @RepeatedTest(3)
    void rotations_the_database_file_never_received_come_back_from_the_journal() throws Exception {
        killInTheMiddleOfConcurrentRotations("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath()
                + ";WRITE_DELAY=600000", "journal");
    }

    /** A second process on the same file (a command beside serve) finds the journal taken: checkpoints then. */
    @RepeatedTest(2)
    void rotations_through_checkpoints_survive_a_kill_too() throws Exception {
        killInTheMiddleOfConcurrentRotations("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath(),
                H2DurabilityChild.THROUGH_CHECKPOINTS);
    }

    /**
     * The idle compaction's rounds, run back to back while the writers rotate, and the kill in the middle; the
     * writers' rotations are made durable by checkpoints, so the store alone must keep them.
     */
    @RepeatedTest(3)
    @Timeout(120)
    void rotations_survive_a_kill_while_the_file_is_being_compacted() throws Exception {
        int compactionRounds = killInTheMiddleOfConcurrentRotations(
                "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath(), H2DurabilityChild.COMPACTING);
        assertThat(compactionRounds).as("compaction rounds the child finished before the kill")
                .isGreaterThanOrEqualTo(COMPACTION_ROUNDS_BEFORE_THE_KILL);
    }

    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 2_000;
    private static final int COMPACTION_ROUNDS_BEFORE_THE_KILL = 3;

    /** @return how many compaction rounds the child reported before it was killed */
    private int killInTheMiddleOfConcurrentRotations(String url, String durability) throws Exception {
        int compactionRoundsToAwait = durability.equals(H2DurabilityChild.COMPACTING) ? COMPACTION_ROUNDS_BEFORE_THE_KILL : 0;
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // with H2's own assertions on, as in this test's JVM: a compaction that broke an invariant of H2's stops the child
        Process child = new ProcessBuilder(List.of(javaBin, "-ea", "-cp", System.getProperty("java.class.path"),
                H2DurabilityChild.class.getName(), url, H2DurabilityChild.CONCURRENT, durability))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<Long, Long> acknowledged = new HashMap<>();
        int compactionRounds = 0;
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = output.readLine(); line != null && (compactionRounds < compactionRoundsToAwait
                    || total(acknowledged) < ACKNOWLEDGED_BEFORE_THE_KILL);
                 line = output.readLine()) {
                if (line.startsWith(H2DurabilityChild.COMPACTED)) {
                    compactionRounds++;
                    continue;
                }
                String[] parts = line.substring(H2DurabilityChild.ROTATED.length()).strip().split(" ");
                acknowledged.merge(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Math::max);
            }
            assertThat(child.isAlive()).as("the child, before the kill").isTrue();
        } finally {
            // killed while the writers are in full flight, with commits waiting for a checkpoint
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }

        assertThat(acknowledged).as("writers that reported").hasSizeGreaterThan(1);
        assertThat(total(acknowledged)).as("rotations acknowledged before the kill")
                .isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            acknowledged.forEach((id, rotations) -> {
                Session session = database.sessions().find(SessionId.of(id)).orElseThrow();
                assertThat(session.rotations()).as("session " + id + " kept every acknowledged rotation")
                        .isGreaterThanOrEqualTo(rotations);
                assertThat(session.currentJti()).isEqualTo("jti-" + session.rotations());
            });
        }
        return compactionRounds;
    }

    /** Each session's highest acknowledged rotation is how many of its rotations were acknowledged. */
    private static long total(Map<Long, Long> acknowledged) {
        return acknowledged.values().stream().mapToLong(n -> n).sum();
    }

    private static long awaitRotation(Process child) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(H2DurabilityChild.ROTATED)) {
                return Long.parseLong(line.substring(H2DurabilityChild.ROTATED.length()).strip());
            }
        }
        throw new IllegalStateException("the child ended without rotating (exit " + child.exitValue() + ")");
    }
}
