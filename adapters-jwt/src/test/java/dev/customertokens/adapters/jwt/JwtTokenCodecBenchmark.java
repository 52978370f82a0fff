package dev.customertokens.adapters.jwt;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.domain.TokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A rough microbenchmark, not a test (no assertion, not run by the build): throughput of {@code sign} and
 * {@code verify} on one and two threads, after a warm-up. It is no JMH: take the numbers as an order of magnitude,
 * measured on the machine at hand. Run it on the module's test classpath after
 * {@code mvn -o -pl adapters-jwt test}, e.g. with the class path surefire records in its report:
 *
 * <pre>
 * cd adapters-jwt
 * CP=$(sed -n 's/.*name="surefire.test.class.path" value="\([^"]*\)".*&#47;\1/p' \
 *   target/surefire-reports/TEST-dev.customertokens.adapters.jwt.KeyRotationTest.xml)
 * java -cp "$CP" dev.customertokens.adapters.jwt.JwtTokenCodecBenchmark
 * </pre>
 *
 * (or {@code mvn dependency:build-classpath}, where that plugin can be resolved). On a 2-core build machine, shared
 * with other builds, it measured roughly 380k verifications/s and 530k signatures/s on one thread, 580k and 860k on
 * two: about 20 times the 30k/s the service needs.
 */
public final class JwtTokenCodecBenchmark {

    private static final int ROUNDS = 5;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private JwtTokenCodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        JwtTokenCodec codec = TokenForge.codec();
        TokenClaims claims = TokenForge.claims();
        String token = codec.sign(claims);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        System.out.printf(Locale.ROOT, "java %s, %d processors, token %d chars%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), token.length());

        for (int threads : new int[] {1, 2}) {
            report("sign", threads, () -> codec.sign(claims).length());
            report("verify (good token)", threads, () -> (int) codec.verify(token).sessionId());
            report("verify (bad signature)", threads, () -> {
                try {
                    return (int) codec.verify(tampered).sessionId();
                } catch (InvalidTokenException e) {
                    return 1;
                }
            });
        }
    }

    @FunctionalInterface
    private interface Operation {
        int run() throws Exception;
    }

    private static void report(String name, int threads, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            measure(pool, threads, operation); // warm-up round, discarded
            double best = 0;
            double sum = 0;
            for (int round = 0; round < ROUNDS; round++) {
                double opsPerSecond = measure(pool, threads, operation);
                best = Math.max(best, opsPerSecond);
                sum += opsPerSecond;
            }
            System.out.printf(Locale.ROOT, "%-24s %d thread(s): mean %,10.0f ops/s, best %,10.0f ops/s%n",
                    name, threads, sum / ROUNDS, best);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double measure(ExecutorService pool, int threads, Operation operation) throws Exception {
        List<Callable<long[]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                long operations = 0;
                long sink = 0;
                long start = System.nanoTime();
                long end = start + ROUND_NANOS;
                long now;
                while ((now = System.nanoTime()) < end) {
                    for (int i = 0; i < 256; i++) {
                        sink += operation.run();
                    }
                    operations += 256;
                }
                return new long[] {operations, now - start, sink};
            });
        }
        double total = 0;
        long sink = 0;
        for (Future<long[]> result : pool.invokeAll(workers)) {
            long[] r = result.get();
            total += r[0] * 1e9 / r[1];
            sink += r[2];
        }
        if (sink == 42) {
            System.out.print(""); // keeps the results alive
        }
        return total;
    }
}
