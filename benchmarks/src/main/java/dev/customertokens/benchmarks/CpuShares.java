package dev.customertokens.benchmarks;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPU time the server, the load generator and (on PostgreSQL) the database's processes spend per
 * rotation, over the middle of the measured window. On two shared cores the rate is what the three
 * together leave: this says which of them to make cheaper.
 */
final class CpuShares {

    /** Kept off both ends of the measured window, so that start-up and shut-down are not counted. */
    private static final long MARGIN_MS = 1_000;

    private final ProcessHandle server;
    private final ProcessHandle client;
    private final boolean countPostgres;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private volatile double windowSeconds;

    CpuShares(ProcessHandle server, ProcessHandle client, boolean countPostgres) {
        this.server = server;
        this.client = client;
        this.countPostgres = countPostgres;
    }

    /** Run from the load generator's start: samples after its warm-up and before its end. */
    void measure(int warmupSeconds, int measuredSeconds) {
        long window = TimeUnit.SECONDS.toMillis(measuredSeconds) - 2 * MARGIN_MS;
        if (window <= 0) {
            return;
        }
        try {
            // the load generator's JVM starts in well under the margin, so the warm-up is over by then
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds) + MARGIN_MS);
            Map<String, Duration> before = snapshot();
            long began = System.nanoTime();
            Thread.sleep(window);
            Map<String, Duration> after = snapshot();
            windowSeconds = (System.nanoTime() - began) / 1e9;
            after.forEach((party, cpu) -> seconds.put(party,
                    (cpu.toNanos() - before.getOrDefault(party, Duration.ZERO).toNanos()) / 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Microseconds of CPU per rotation, by party; empty when the window was too short to measure. */
    JsonObject perRotation(double rotationsPerSecond) {
        JsonObject result = new JsonObject();
        if (windowSeconds > 0 && rotationsPerSecond > 0) {
            seconds.forEach((party, cpu) -> result.put(party,
                    Math.round(cpu * 1e6 / (rotationsPerSecond * windowSeconds))));
        }
        return result;
    }

    private Map<String, Duration> snapshot() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        cpu.put("server", cpuOf(Stream.of(server)));
        cpu.put("load_generator", cpuOf(Stream.of(client)));
        if (countPostgres) {
            // the embedded server's postmaster and backends: every process running a "postgres" binary
            cpu.put("postgres", cpuOf(ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))));
        }
        return cpu;
    }

    private static Duration cpuOf(Stream<ProcessHandle> processes) {
        return processes.map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }
}
