package dev.customertokens.benchmarks;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPU time the server, the load generator and (on PostgreSQL) the database's processes spend per
 * rotation, over the measured window less a second at each end. On two shared cores the rate is what the
 * three leave each other: this says which of them to make cheaper.
 *
 * <p>A process that ends inside the window takes its share of the window with it (an autovacuum worker,
 * say), so the database's figure is a floor. When the server or the load generator ends, nothing is reported.
 */
final class CpuShares {

    static final String SERVER = "server";
    static final String LOAD_GENERATOR = "load_generator";
    static final String POSTGRES = "postgres";

    /** Kept off both ends of the measured window, so that neither the warm-up nor the shut-down is counted. */
    private static final long MARGIN_MS = 1_000;

    private record Window(Map<String, Double> cpuSeconds, double seconds) {
    }

    private final ProcessHandle server;
    private final ProcessHandle client;
    private final Integer postgresPort;
    private volatile Window window;

    /** @param postgresPort the port of the PostgreSQL server whose processes to count, or null for none */
    CpuShares(ProcessHandle server, ProcessHandle client, Integer postgresPort) {
        this.server = server;
        this.client = client;
        this.postgresPort = postgresPort;
    }

    /** Run when the load generator says its measured window opened. */
    void measure(int measuredSeconds) {
        long length = TimeUnit.SECONDS.toMillis(measuredSeconds) - 2 * MARGIN_MS;
        if (length <= 0) {
            return;
        }
        try {
            Thread.sleep(MARGIN_MS);
            Map<String, Map<Long, Duration>> before = snapshot();
            long began = System.nanoTime();
            Thread.sleep(length);
            Map<String, Map<Long, Duration>> after = snapshot();
            double seconds = (System.nanoTime() - began) / 1e9;
            if (!after.get(SERVER).containsKey(server.pid()) || !after.get(LOAD_GENERATOR).containsKey(client.pid())) {
                return;
            }
            Map<String, Double> cpuSeconds = new LinkedHashMap<>();
            after.forEach((party, processes) -> cpuSeconds.put(party, spentBetween(before.get(party), processes)));
            window = new Window(Map.copyOf(cpuSeconds), seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Microseconds of CPU per rotation, by party; empty when the window could not be measured. */
    JsonObject perRotation(double rotationsPerSecond) {
        Window measured = window;
        JsonObject result = new JsonObject();
        if (measured != null && rotationsPerSecond > 0) {
            for (String party : List.of(SERVER, LOAD_GENERATOR, POSTGRES)) {
                Double cpu = measured.cpuSeconds().get(party);
                if (cpu != null) {
                    result.put(party, Math.round(cpu * 1e6 / (rotationsPerSecond * measured.seconds())));
                }
            }
        }
        return result;
    }

    /** CPU spent in the window: the growth of each process seen twice, all of each one that began in it. */
    private static double spentBetween(Map<Long, Duration> before, Map<Long, Duration> after) {
        long nanos = 0;
        for (Map.Entry<Long, Duration> process : after.entrySet()) {
            Duration earlier = before.getOrDefault(process.getKey(), Duration.ZERO);
            nanos += Math.max(0, process.getValue().minus(earlier).toNanos());
        }
        return nanos / 1e9;
    }

    private Map<String, Map<Long, Duration>> snapshot() {
        Map<String, Map<Long, Duration>> cpu = new LinkedHashMap<>();
        cpu.put(SERVER, cpuOf(Stream.of(server)));
        cpu.put(LOAD_GENERATOR, cpuOf(Stream.of(client)));
        if (postgresPort != null) {
            cpu.put(POSTGRES, cpuOf(postmaster().map(p -> Stream.concat(Stream.of(p), p.children()))
                    .orElse(Stream.empty())));
        }
        return cpu;
    }

    /** The server listening on our port: its backends, writers and autovacuum are its children. */
    private Optional<ProcessHandle> postmaster() {
        String port = String.valueOf(postgresPort);
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(List::of).map(args -> {
                    int flag = args.indexOf("-p");
                    return flag >= 0 && flag + 1 < args.size() && args.get(flag + 1).equals(port);
                }).orElse(false))
                .findFirst();
    }

    private static Map<Long, Duration> cpuOf(Stream<ProcessHandle> processes) {
        Map<Long, Duration> cpu = new HashMap<>();
        processes.forEach(p -> p.info().totalCpuDuration().ifPresent(time -> cpu.put(p.pid(), time)));
        return cpu;
    }
}
