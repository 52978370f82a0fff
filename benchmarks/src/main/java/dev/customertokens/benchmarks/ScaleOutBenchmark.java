package dev.customertokens.benchmarks;

import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.cli.Settings;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scale-out benchmark: for each setup, PostgreSQL, N {@code serve} nodes behind HAProxy (one node:
 * none), reaching PostgreSQL directly or through PgBouncer in transaction pooling mode, and the load
 * generator ({@link LoadClient}) on the front address. Prints a Markdown table: rotations a second, what
 * a rotation costs the database (CPU, WAL) and the nodes, and what a session takes on disk. A setup whose program is not installed
 * (Debian's {@code haproxy}, {@code pgbouncer}) is skipped with a message; one that met an error keeps its
 * folder, with every program's log.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.customertokens.benchmarks.ScaleOutBenchmark
 *     [--setups direct:1,direct:3,pgbouncer:3] [--sessions 1000] [--connections 64]
 *     [--warmup 20] [--seconds 30] [--heap 160m]
 * </pre>
 * A setup is {@code pooler:nodes}, the pooler {@code direct}, {@code pgbouncer} (pgjdbc with
 * {@code prepareThreshold=0}) or {@code pgbouncer_prepared} (pgjdbc's defaults, to see them fail).
 */
public final class ScaleOutBenchmark {

    private final Map<String, String> options;
    private final Path benchmarksJar;

    private ScaleOutBenchmark(Map<String, String> options) throws Exception {
        this.options = options;
        this.benchmarksJar = Path.of(ScaleOutBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    public static void main(String[] args) throws Exception {
        for (String logger : List.of("customer-tokens", "customer-tokens.audit", "io.zonky", "org.flywaydb", "com.zaxxer")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new ScaleOutBenchmark(options).run();
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "java %s, %d cores, load average before: %s, %d sessions, %d connections, "
                        + "%d s warm-up, %d s measured%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage(), option("sessions", 1_000),
                option("connections", 64), option("warmup", 20), option("seconds", 30));
        List<String> rows = new ArrayList<>();
        for (String setup : options.getOrDefault("setups", "direct:1,direct:3,pgbouncer:3").split(",")) {
            ScaleOutTopology.Pooler pooler = ScaleOutTopology.Pooler.valueOf(setup.split(":")[0].strip().toUpperCase(Locale.ROOT));
            int nodes = Integer.parseInt(setup.split(":")[1].strip());
            String missing = nodes > 1 && !ScaleOutTopology.installed("haproxy") ? "haproxy"
                    : pooler != ScaleOutTopology.Pooler.DIRECT && !ScaleOutTopology.installed("pgbouncer") ? "pgbouncer" : null;
            if (missing != null) {
                System.out.println(setup + ": skipped, " + missing + " is not installed (Debian: apt-get install " + missing + ")");
                continue;
            }
            rows.add(measure(setup.strip(), pooler, nodes));
        }
        System.out.println("load average after: " + loadAverage());
        System.out.println();
        System.out.println("| setup | rotations/s | p50 ms | p99 ms | errors | PostgreSQL CPU µs a rotation "
                + "| WAL bytes a rotation | rotations/s a database core | nodes' CPU µs a rotation | bytes a session stored |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private String measure(String setup, ScaleOutTopology.Pooler pooler, int nodes) throws Exception {
        Path dir = Files.createTempDirectory("customer-tokens-scale-out");
        Path tokens = dir.resolve("tokens.txt");
        List<String> jvm = List.of("-Xmx" + options.getOrDefault("heap", "160m"), "-Xss512k", "-XX:+UseSerialGC");
        Path serverJar = Path.of(options.getOrDefault("server-jar", "bootstrap/target/customer-tokens.jar"));
        boolean clean = false;
        try (ScaleOutTopology topology = ScaleOutTopology.start(dir, nodes, pooler, serverJar, jvm,
                directUrl -> seed(directUrl, dir, tokens))) {
            int warmup = option("warmup", 20);
            int seconds = option("seconds", 30);
            Process client = new ProcessBuilder(ScaleOutTopology.java(), "-Xmx1g", "-cp", benchmarksJar.toString(),
                    LoadClient.class.getName(), String.valueOf(topology.frontPort()), tokens.toString(),
                    String.valueOf(option("connections", 64)), String.valueOf(warmup), String.valueOf(seconds))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            DatabaseCost cost = new DatabaseCost(topology.directUrl(), topology.nodes());
            DatabaseCost.Reading first = null;
            DatabaseCost.Reading last = null;
            String report;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                report = out.readLine();
                if (LoadClient.MEASURING.equals(report)) {
                    // a second off each end of the measured window, as CpuShares keeps
                    TimeUnit.SECONDS.sleep(1);
                    first = cost.read();
                    TimeUnit.SECONDS.sleep(Math.max(1, seconds - 2));
                    last = cost.read();
                    report = out.readLine();
                }
            }
            if (!client.waitFor(warmup + seconds + 120L, TimeUnit.SECONDS) || report == null || first == null) {
                client.destroyForcibly();
                throw new IllegalStateException(setup + ": the load client gave no report");
            }
            JsonObject result = new JsonObject(report);
            double rate = result.getDouble("rotations_per_second");
            DatabaseCost.PerRotation perRotation = last.since(first, rate);
            System.out.println(setup + ": " + result.encode());
            clean = result.getJsonObject("errors").isEmpty();
            return String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %s | %.0f | %.0f | %,.0f | %.0f | %d |", setup,
                    rate, result.getDouble("p50_ms"), result.getDouble("p99_ms"),
                    result.getJsonObject("errors").isEmpty() ? "none" : result.getJsonObject("errors").encode(),
                    perRotation.postgresCpuMicros(), perRotation.walBytes(), perRotation.perDatabaseCore(),
                    perRotation.nodesCpuMicros(), cost.bytesPerSession());
        } finally {
            if (clean) {
                LoadBenchmark.deleteRecursively(dir);
            } else {
                System.out.println(setup + ": its logs are kept in " + dir);
            }
        }
    }

    private void seed(String directUrl, Path dir, Path tokens) throws java.io.IOException {
        Settings settings = Settings.parse(Map.of(), "--data-dir", dir.resolve("seed").toString(), "--db-url", directUrl,
                "--db-user", "postgres", "--jwt-secret", BenchmarkData.SECRET, "--public-url", "http://127.0.0.1:8080");
        try (CustomerTokens library = CustomerTokens.open(settings.library(), Clock.systemUTC(), null, null)) {
            BenchmarkData.seed(library.administration(), library.administration(), library.issueToken(),
                    option("sessions", 1_000), tokens, null);
        }
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }
}
