package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's durability promise on the embedded H2 file: a rotation that {@code rotate} reported
 * committed survives the process being killed (SIGKILL, no shutdown hook) the moment after.
 */
class H2DurabilityTest {

    @TempDir
    Path directory;

    @org.junit.jupiter.api.BeforeEach
    void aDiskThatWorks() {
        FaultyFiles.reset();
    }

    @RepeatedTest(3)
    void a_committed_rotation_survives_a_kill_right_after_it() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath();
        long sessionId = killAfterItsRotation(url);

        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            Session session = database.sessions().find(SessionId.of(sessionId)).orElseThrow();
            assertThat(session.currentJti()).isEqualTo("jti-2");
            assertThat(session.previousJti()).isEqualTo("jti-1");
            assertThat(session.rotations()).isEqualTo(1);
        }
    }

    /**
     * R1 (jti-0 to jti-1a) is journalled and its commit fails; R2 (jti-0 to jti-1b) commits and is acknowledged;
     * the database file, its writer held back, has neither. The replay must apply R2, not R1.
     */
    @Test
    void a_rotation_whose_commit_failed_after_its_record_is_not_replayed_over_the_one_that_committed() throws Exception {
        String url = FaultyFiles.url(directory.resolve("tokens")) + ";WRITE_DELAY=600000";
        long sessionId = killAfterItsRotation(url, H2DurabilityChild.COMMIT_FAILS_AFTER_ITS_RECORD);

        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            Session session = database.sessions().find(SessionId.of(sessionId)).orElseThrow();
            assertThat(session.currentJti()).isEqualTo("jti-1b");
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

    /**
     * A server URL: the server's process holds the file, with its background writer held back for ten minutes; a
     * rotation is acknowledged once a checkpoint through the server has written it.
     */
    @Test
    @Timeout(120)
    void rotations_through_an_h2_server_survive_the_server_being_killed() throws Exception {
        int port = freePort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/tokens;WRITE_DELAY=600000";
        Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
        Process server = startServer(port);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Thread writer = new Thread(() -> rotateUntilFailure(database.sessions(), acknowledged));
                writer.setDaemon(true);
                writer.start();
                writers.add(writer);
            }
            while (total(acknowledged) < 200 && writers.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(10);
            }
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server killed").isTrue();
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        assertThat(total(acknowledged)).as("rotations acknowledged before the kill").isGreaterThanOrEqualTo(200);
        server = startServer(port);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            acknowledged.forEach((id, rotations) -> assertThat(database.sessions().find(SessionId.of(id)).orElseThrow()
                    .rotations()).as("session " + id + " kept every acknowledged rotation").isGreaterThanOrEqualTo(rotations));
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startServer(int port) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                "org.h2.tools.Server", "-tcp", "-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir",
                directory.toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("the H2 server did not listen on " + port);
    }

    /** Rotates a session of its own again and again, noting each acknowledged rotation, until the store fails. */
    private static void rotateUntilFailure(Sessions sessions, Map<Long, Long> acknowledged) {
        try {
            SessionId id = sessions.nextId();
            CustomerId customer = CustomerId.of("served-" + id.value());
            Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
            sessions.create(Session.begin(id, customer, ApplicationId.of(15), null, now, "jti-0"));
            for (long n = 1; ; n++) {
                if (!sessions.rotate(new Rotation(id, customer, "jti-" + (n - 1), "jti-" + n, now,
                        RequestId.of("request-" + n), null))) {
                    throw new IllegalStateException("rotation " + n + " of " + id.value() + " did not apply");
                }
                acknowledged.put(id.value(), n);
            }
        } catch (StorageUnavailableException e) {
            // the server is gone
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 2_000;
    private static final int COMPACTION_ROUNDS_BEFORE_THE_KILL = 3;

    /**
     * Writers cross segment rollovers and truncations all the time; the file's background writer is held back, so
     * whatever a truncation dropped too early is gone.
     */
    @RepeatedTest(2)
    void rotations_survive_a_kill_while_segments_roll_over_and_are_truncated() throws Exception {
        killInTheMiddleOfConcurrentRotations("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath()
                + ";WRITE_DELAY=600000", H2DurabilityChild.SMALL_SEGMENTS);
    }

    /** The revocations reuse detection makes are journalled too: with the file's writer held back, only replayed. */
    @RepeatedTest(2)
    void journalled_revocations_survive_a_kill() throws Exception {
        Outcome outcome = rotateInChildUntilKilled("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath()
                + ";WRITE_DELAY=600000", H2DurabilityChild.REVOKING);
        assertThat(outcome.revoked()).as("revocations acknowledged before the kill").hasSizeGreaterThan(10);
    }

    /**
     * The database closed while writers are at work, a command's connection keeping the file open (and its writer
     * held back): every rotation acknowledged before the close finished must be in the file or in the journal.
     */
    @RepeatedTest(2)
    void rotations_acknowledged_while_the_database_closes_survive_a_kill_after_the_close() throws Exception {
        Outcome outcome = rotateInChildUntilKilled("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath()
                + ";WRITE_DELAY=600000", H2DurabilityChild.CLOSING);
        assertThat(outcome.closed()).as("the child closed its database").isTrue();
    }

    /** What a child reported before it was killed. */
    private record Outcome(Map<Long, Long> acknowledged, java.util.Set<Long> revoked, int compactionRounds,
                           boolean closed) {
    }

    /** @return how many compaction rounds the child reported before it was killed */
    private int killInTheMiddleOfConcurrentRotations(String url, String durability) throws Exception {
        return rotateInChildUntilKilled(url, durability).compactionRounds();
    }

    /**
     * Runs the concurrent writers in a child on {@code url}, kills the child once it reported enough (or closed
     * its database), opens the database again and checks that every acknowledged write is there.
     */
    private Outcome rotateInChildUntilKilled(String url, String variant) throws Exception {
        int compactionRoundsToAwait = variant.equals(H2DurabilityChild.COMPACTING) ? COMPACTION_ROUNDS_BEFORE_THE_KILL : 0;
        boolean closing = variant.equals(H2DurabilityChild.CLOSING);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // with H2's own assertions on, as in this test's JVM: a compaction that broke an invariant of H2's stops the child
        Process child = new ProcessBuilder(List.of(javaBin, "-ea", "-cp", System.getProperty("java.class.path"),
                H2DurabilityChild.class.getName(), url, H2DurabilityChild.CONCURRENT, variant))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<Long, Long> acknowledged = new HashMap<>();
        java.util.Set<Long> revoked = new java.util.HashSet<>();
        int compactionRounds = 0;
        boolean closed = false;
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(H2DurabilityChild.COMPACTED)) {
                    compactionRounds++;
                } else if (line.equals(H2DurabilityChild.CLOSED)) {
                    closed = true;
                } else if (line.startsWith(H2DurabilityChild.REVOKED)) {
                    revoked.add(Long.parseLong(line.substring(H2DurabilityChild.REVOKED.length()).strip()));
                } else {
                    String[] parts = line.substring(H2DurabilityChild.ROTATED.length()).strip().split(" ");
                    acknowledged.merge(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Math::max);
                }
                if (closing ? closed : compactionRounds >= compactionRoundsToAwait
                        && total(acknowledged) >= ACKNOWLEDGED_BEFORE_THE_KILL) {
                    break;
                }
            }
            assertThat(child.isAlive()).as("the child, before the kill").isTrue();
        } finally {
            // killed while the writers are in full flight, with commits waiting for a checkpoint
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }

        assertThat(acknowledged).as("writers that reported").hasSizeGreaterThan(1);
        assertThat(total(acknowledged)).as("rotations acknowledged before the kill")
                .isGreaterThanOrEqualTo(closing ? H2DurabilityChild.CLOSE_AFTER : ACKNOWLEDGED_BEFORE_THE_KILL);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            acknowledged.forEach((id, rotations) -> {
                Session session = database.sessions().find(SessionId.of(id)).orElseThrow();
                assertThat(session.rotations()).as("session " + id + " kept every acknowledged rotation")
                        .isGreaterThanOrEqualTo(rotations);
                assertThat(session.currentJti()).isEqualTo("jti-" + session.rotations());
            });
            for (long id : revoked) {
                assertThat(database.sessions().find(SessionId.of(id)).orElseThrow().isRevoked())
                        .as("session " + id + " revoked").isTrue();
            }
        }
        return new Outcome(acknowledged, revoked, compactionRounds, closed);
    }

    /** Runs the child on {@code url}, and kills it once it reported its rotation; @return the session rotated */
    private static long killAfterItsRotation(String url, String... mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2DurabilityChild.class.getName(), url));
        command.addAll(List.of(mode));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return awaitRotation(child);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }
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
