package dev.customertokens.benchmarks;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One durable rotation on the embedded H2 file, as a refresh does it: the read of the session with its
 * customer, then the compare-and-set, durable (journalled) before it returns. Run with {@code -t N}
 * to see how concurrent writers share the journal's lock and H2's store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RepositoryRotationBenchmark {

    private Database database;
    private Sessions sessions;
    private Path directory;

    /** Each benchmark thread rotates a session of its own, in a chain. */
    @State(Scope.Thread)
    public static class Chain {
        SessionId id;
        CustomerId customer;
        String current;
        long n;

        @Setup(Level.Trial)
        public void begin(RepositoryRotationBenchmark benchmark) {
            customer = CustomerId.of("bench-" + Thread.currentThread().getId());
            benchmark.database.customerAccounts().save(new CustomerAccount(customer, 1, "Bench", "Mark", "b@example.com",
                    true, "+381111111111", "en", 1, "[]", 3, 3, false, false, false));
            id = benchmark.sessions.nextId();
            current = "jti-0";
            benchmark.sessions.create(Session.begin(id, customer, ApplicationId.of(15), null, Instant.now(), current));
        }
    }

    @Setup
    public void open() throws IOException {
        directory = Files.createTempDirectory("customer-tokens-jmh");
        database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("customer-tokens"), "sa", ""));
        sessions = database.sessions();
    }

    @TearDown
    public void close() throws IOException {
        database.close();
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Benchmark
    public boolean readAndRotate(Chain chain) {
        SessionWithCustomer found = sessions.findWithCustomer(chain.id, chain.customer).orElseThrow();
        String next = "jti-" + (++chain.n);
        boolean rotated = sessions.rotate(new Rotation(chain.id, chain.customer, found.session().currentJti(), next,
                Instant.now(), RequestId.of("r-" + chain.n), null));
        chain.current = next;
        return rotated;
    }

}
