package dev.customertokens.benchmarks;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.TokenIdGenerator;
import dev.customertokens.application.service.SecureRandomTokenIds;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one durable rotation costs the embedded H2 file as the sessions in it grow, with no HTTP around it:
 * for each count of sessions, a fresh file is seeded, then one thread reads and rotates random sessions
 * through the repository (the refresh's two statements, journalled), with token and request ids of the
 * service's lengths, after an unmeasured warm-up and a checkpoint. Prints the wall and CPU time of a rotation
 * (the CPU includes H2's own writer threads) and the bytes the process wrote per rotation, read from
 * {@code /proc/self/io} (Linux): the journal's record, and H2 writing pages.
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests
 * java -Xmx160m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.customertokens.benchmarks.StoreWrites \
 *     [--sessions 1000,1000000] [--rotations 200000]
 * </pre>
 *
 * The sessions' customers are not created: the read then finds no account, as for a deleted customer, which
 * leaves out one index lookup but nothing the rotation writes.
 */
public final class StoreWrites {

    private static final int BATCH = 10_000;
    private static final int WARM_UP_ROTATIONS = 50_000;

    private StoreWrites() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("customer-tokens"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String sessionCounts = "1000,1000000";
        int rotations = 200_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sessions" -> sessionCounts = args[i + 1];
                case "--rotations" -> rotations = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("java %s, usable heap %d MiB, %,d rotations on one thread%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, rotations);
        System.out.println("| sessions | seeded in | µs a rotation (wall) | CPU µs a rotation | bytes written a rotation "
                + "| database file after |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String count : sessionCounts.split(",")) {
            measure(Integer.parseInt(count.strip()), rotations);
        }
    }

    private static void measure(int sessionCount, int rotations) throws IOException, SQLException {
        Path directory = Files.createTempDirectory("customer-tokens-store-writes");
        Path file = directory.resolve("customer-tokens.mv.db");
        String url = "jdbc:h2:file:" + directory.resolve("customer-tokens");
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""));
             // H2Urls gives the repository's connections AUTO_SERVER=TRUE; with it this one joins their database
             Connection side = DriverManager.getConnection(url + ";AUTO_SERVER=TRUE", "sa", "");
             Statement statement = side.createStatement()) {
            Sessions sessions = database.sessions();
            TokenIdGenerator tokenIds = new SecureRandomTokenIds();
            long seeding = System.nanoTime();
            SeededSessions seeded = new SeededSessions(sessionCount);
            List<Session> batch = new ArrayList<>(BATCH);
            Instant begun = Instant.now();
            for (int s = 0; s < sessionCount; s++) {
                seeded.ids[s] = sessions.nextId();
                seeded.customers[s] = CustomerId.of("bench-" + s / BenchmarkData.SESSIONS_PER_CUSTOMER);
                batch.add(Session.begin(seeded.ids[s], seeded.customers[s], ApplicationId.of(15), null, begun,
                        tokenIds.newTokenId(Instant.now())));
                if (batch.size() == BATCH || s == sessionCount - 1) {
                    sessions.createAll(batch);
                    batch.clear();
                }
            }
            double seededSeconds = (System.nanoTime() - seeding) / 1e9;

            // the JIT's work and the seeding's last page writes stay out of the measured window
            SplittableRandom random = new SplittableRandom(7);
            rotateRandomly(sessions, seeded, tokenIds, random, Math.min(rotations, WARM_UP_ROTATIONS));
            statement.execute("CHECKPOINT");

            long bytesBefore = bytesWritten();
            long cpuBefore = processCpuNanos();
            long started = System.nanoTime();
            rotateRandomly(sessions, seeded, tokenIds, random, rotations);
            long wallNanos = System.nanoTime() - started;
            long cpuNanos = processCpuNanos() - cpuBefore;
            long bytes = bytesWritten() - bytesBefore;
            System.out.printf("| %,d | %.1f s | %.1f | %.1f | %,d | %,d MiB |%n", sessionCount, seededSeconds,
                    wallNanos / 1e3 / rotations, cpuNanos / 1e3 / rotations, bytes / rotations, Files.size(file) >> 20);
        } finally {
            LoadBenchmark.deleteRecursively(directory);
        }
    }

    /** The sessions in the order they were begun, and who owns each. */
    private record SeededSessions(SessionId[] ids, CustomerId[] customers) {
        SeededSessions(int count) {
            this(new SessionId[count], new CustomerId[count]);
        }
    }

    /** As a refresh does it: the session read with its customer, then the compare-and-set, with ids of real length. */
    private static void rotateRandomly(Sessions sessions, SeededSessions seeded, TokenIdGenerator tokenIds,
                                       SplittableRandom random, int rotations) {
        for (int r = 0; r < rotations; r++) {
            int s = random.nextInt(seeded.ids.length);
            SessionId id = seeded.ids[s];
            CustomerId customer = seeded.customers[s];
            String current = sessions.findWithCustomer(id, customer).orElseThrow().session().currentJti();
            if (!sessions.rotate(new Rotation(id, customer, current, tokenIds.newTokenId(Instant.now()), Instant.now(),
                    RequestId.of("load-0-" + System.nanoTime()), null))) {
                throw new IllegalStateException("a rotation of session " + id.value() + " did not apply");
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Bytes this process handed to {@code write} and its kind so far, whether or not they reached a disk yet. */
    private static long bytesWritten() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring("wchar:".length()).strip());
            }
        }
        throw new IllegalStateException("/proc/self/io has no wchar line");
    }
}
