package dev.customertokens.adapters.persistence;

import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.RepeatedTest;
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

    private void killInTheMiddleOfConcurrentRotations(String url, String durability) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                H2DurabilityChild.class.getName(), url, H2DurabilityChild.CONCURRENT, durability))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<Long, Long> acknowledged = new HashMap<>();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = output.readLine(); line != null && acknowledged.values().stream().mapToLong(n -> n).sum() < 2_000;
                 line = output.readLine()) {
                String[] parts = line.substring(H2DurabilityChild.ROTATED.length()).strip().split(" ");
                acknowledged.merge(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Math::max);
            }
        } finally {
            // killed while the writers are in full flight, with commits waiting for a checkpoint
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }

        assertThat(acknowledged).as("writers that reported").hasSizeGreaterThan(1);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            acknowledged.forEach((id, rotations) -> {
                Session session = database.sessions().find(SessionId.of(id)).orElseThrow();
                assertThat(session.rotations()).as("session " + id + " kept every acknowledged rotation")
                        .isGreaterThanOrEqualTo(rotations);
                assertThat(session.currentJti()).isEqualTo("jti-" + session.rotations());
            });
        }
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
