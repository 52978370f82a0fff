package dev.customertokens.benchmarks;

import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.cli.Settings;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.benchmarks.plots.BenchmarkResult;
import dev.customertokens.benchmarks.plots.BenchmarkResults;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load benchmark: for each system, a server in a JVM of its own, N sessions begun in bulk, and the
 * load generator ({@link LoadClient}) in another JVM, every request a chained rotation. Two limits run in the
 * same invocation: the bare route ({@link BareRouteServer}: the HTTP stack signing one JWT a request) and the
 * ceiling (the service's HTTP adapter, codec and use case with no database, {@link CeilingServer}), so every
 * figure is also a share of both. The service starts as the README tells users to, through the launcher of
 * the distribution the build lays out ({@code distribution/target/customer-tokens/bin/customer-tokens serve}, with
 * its {@code config/jvm.options}), and both limits start on the same JVM options ({@link ServerLauncher}).
 * {@code --server-jar} runs another build's jar through that launcher, {@code --start java-jar} starts
 * {@code java -jar JAR serve} on the JVM's defaults instead, and {@code --server-jvm} adds options after the
 * launcher's. Prints a Markdown table a run, then the spread of every system over {@code --runs}.
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar [--systems bare,ceiling,h2,h2-dpop,h2-process,h2-power,postgres,postgres-dpop]
 *     [--sessions 1000[,100000…]] [--connections 64[,128…]] [--warmup 30] [--seconds 30] [--runs 1]
 *     [--server-jar JAR] [--start launcher|java-jar] [--server-jvm "-Xmx256m"] [--pool-size 16]
 *     [--idle 0] [--order random|sweep] [--dpop-alg ES256|EdDSA|RS256|PS256]
 *     [--results FILE.jsonl [--commit ID] [--plots DIR]] [--client-cpus 1]
 * </pre>
 *
 * Several {@code --sessions} or {@code --connections} run every combination (a sweep). {@code --results} appends
 * every system's run to a results file, {@code --commit} names the build in it, and {@code --plots} then draws the
 * whole file as SVG ({@link dev.customertokens.benchmarks.plots.Plots}).
 *
 * The warm-up is long because the two cores that serve also compile: with 10 s the JIT still took as much
 * CPU as the storage workers while measured, and the same build measured a third slower.
 *
 * {@code --idle S} keeps the server idle for S seconds after the load and samples the database file;
 * with a long {@code --seconds} it is the soak of {@code docs/benchmarks.md}. A system named with
 * {@value #DPOP_SUFFIX} binds every session to a client key, and every request carries a DPoP proof
 * ({@code --dpop-alg}, default ES256). {@code h2-process} and {@code h2-power} are the embedded file with
 * {@code --embedded-durability} given (plain {@code h2} takes the default).
 */
public final class LoadBenchmark {

    private static final int DEFAULT_WARMUP_SECONDS = 30;
    private static final int DEFAULT_SECONDS = 30;
    static final String DPOP_SUFFIX = "-dpop";

    /** What a system's run gave: the load generator's report with the server's figures, and its timeline. */
    private record Measured(JsonObject report, List<BenchmarkResult.Sample> timeline) {
    }

    private final Map<String, String> options;
    private final Path benchmarksJar;
    private final Path workDir;
    private final ServerLauncher launcher;

    private LoadBenchmark(Map<String, String> options) throws URISyntaxException, IOException {
        this.options = options;
        this.benchmarksJar = Path.of(LoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        this.workDir = Files.createTempDirectory("customer-tokens-load");
        String start = options.getOrDefault("start", "launcher");
        if (!start.equals("launcher") && !start.equals("java-jar")) {
            throw new IllegalArgumentException("--start is launcher or java-jar, not " + start);
        }
        String given = options.getOrDefault("server-jvm", "").strip();
        this.launcher = ServerLauncher.of(Path.of(options.getOrDefault("distribution",
                        ServerLauncher.BUILT_DISTRIBUTION.toString())),
                options.containsKey("server-jar") ? Path.of(options.get("server-jar")) : null, start.equals("java-jar"),
                given.isEmpty() ? List.of() : List.of(given.split("\\s+")), workDir);
    }

    public static void main(String[] args) throws Exception {
        // the servers keep their own logs (server.log); this process seeds a database and prints the table
        for (String logger : List.of("customer-tokens", "customer-tokens.audit", "io.zonky")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new LoadBenchmark(options).run();
    }

    private String order() {
        return options.getOrDefault("order", LoadClient.RANDOM_ORDER);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private List<Integer> intsOption(String name, int fallback) {
        return java.util.Arrays.stream(options.getOrDefault(name, String.valueOf(fallback)).split(","))
                .map(String::strip).map(Integer::valueOf).toList();
    }

    private void run() throws Exception {
        List<String> systems = List.of(options.getOrDefault("systems", "bare,ceiling,h2,postgres").split(","));
        Path results = options.containsKey("results") ? Path.of(options.get("results")) : null;
        Path plots = options.containsKey("plots") ? Path.of(options.get("plots")) : null;
        if (plots != null && results == null) {
            throw new IllegalArgumentException("--plots draws the --results file: give both");
        }
        int runs = intOption("runs", 1);
        List<Integer> sessionCounts = intsOption("sessions", 1_000);
        List<Integer> connectionCounts = intsOption("connections", 64);
        if (java.util.Collections.min(sessionCounts) < java.util.Collections.max(connectionCounts)) {
            throw new IllegalArgumentException("need at least as many sessions as connections");
        }
        // refused before seeding, which takes minutes at a million sessions
        String order = LoadClient.checkedOrder(order());
        System.out.printf(Locale.ROOT, "java %s, %d cores, sessions visited in %s order, %d s warm-up, %d s measured, "
                        + "%d run(s); the service started as %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), order,
                intOption("warmup", DEFAULT_WARMUP_SECONDS), intOption("seconds", DEFAULT_SECONDS), runs,
                launcher.describe());
        for (int sessions : sessionCounts) {
            for (int connections : connectionCounts) {
                runPoint(systems, sessions, connections, runs, results);
            }
        }
        if (plots != null) {
            Files.createDirectories(plots);
            dev.customertokens.benchmarks.plots.Plots.write(BenchmarkResults.read(results), plots, System.err)
                    .forEach(file -> System.out.println("wrote " + file));
        }
        deleteRecursively(workDir);
    }

    /** Every system {@code runs} times at one load: a table a run, then the spread. */
    private void runPoint(List<String> systems, int sessions, int connections, int runs, Path results) throws Exception {
        System.out.printf(Locale.ROOT, "%n%,d sessions, %d connections:%n", sessions, connections);
        RunSpread spread = new RunSpread();
        for (int run = 1; run <= runs; run++) {
            List<String> rows = new ArrayList<>();
            Map<String, Double> limits = new LinkedHashMap<>();
            for (String system : systems) {
                String name = system.strip();
                Instant startedAt = Instant.now();
                Measured measured = runSystem(name, sessions, connections);
                JsonObject result = measured.report();
                double rate = result.getDouble("rotations_per_second");
                if (results != null) {
                    BenchmarkResults.append(results, new BenchmarkResult(name, sessions, connections, run, rate,
                            result.getDouble("p50_ms"), result.getDouble("p99_ms"), result.getLong("max_rss_kib"),
                            measured.timeline(), startedAt, options.get("commit")));
                }
                if (name.equals("bare") || name.equals("ceiling")) {
                    limits.put(name, rate);
                }
                spread.add(name, rate, limits.get("bare"), result.getDouble("p99_ms"));
                rows.add(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %.2f | %.2f | %.2f | %s | %d MiB | %s |", name,
                        rate, share(rate, limits.get("bare")), share(rate, limits.get("ceiling")),
                        result.getDouble("p50_ms"), result.getDouble("p99_ms"), result.getDouble("p999_ms"),
                        result.getJsonObject("errors").isEmpty() ? "none" : result.getJsonObject("errors").encode(),
                        result.getLong("max_rss_kib") / 1024, cpuColumn(result.getJsonObject("cpu_us_per_rotation"))));
            }
            System.out.println();
            System.out.println("Run " + run + " of " + runs + ":");
            System.out.println();
            System.out.println("| system | rotations/s | of bare route | of ceiling | p50 ms | p99 ms | p99.9 ms | errors "
                    + "| server max RSS | CPU µs a rotation: server · load generator · PostgreSQL |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            rows.forEach(System.out::println);
        }
        if (runs > 1) {
            System.out.println();
            spread.print(System.out);
        }
    }

    private Measured runSystem(String name, int sessions, int connections) throws Exception {
        boolean dpop = name.endsWith(DPOP_SUFFIX);
        return switch (name.replace(DPOP_SUFFIX, "")) {
            case "bare" -> runLimit(BareRouteServer.class, "bare", sessions, connections);
            case "ceiling" -> runLimit(CeilingServer.class, "ceiling", sessions, connections);
            case "h2" -> runService(sessions, connections, null, null, null, dpop, null);
            case "h2-process" -> runService(sessions, connections, null, null, null, dpop, "process");
            case "h2-power" -> runService(sessions, connections, null, null, null, dpop, "power");
            case "postgres" -> runOnPostgres(sessions, connections, dpop);
            default -> throw new IllegalArgumentException("unknown system " + name);
        };
    }

    private static String share(double rate, Double limit) {
        return limit == null ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * rate / limit);
    }

    private static String cpuColumn(JsonObject cpu) {
        if (cpu == null || cpu.isEmpty()) {
            return "–";
        }
        return cpu.getLong(CpuShares.SERVER) + " · " + cpu.getLong(CpuShares.LOAD_GENERATOR)
                + (cpu.containsKey(CpuShares.POSTGRES) ? " · " + cpu.getLong(CpuShares.POSTGRES) : "");
    }

    /** A limit the service is measured against: a server class of this jar, in its own JVM. */
    private Measured runLimit(Class<?> serverClass, String name, int sessions, int connections) throws Exception {
        Path dir = Files.createTempDirectory("customer-tokens-" + name);
        int port = freePort();
        Path tokens = dir.resolve("tokens.txt");
        Process server = new ProcessBuilder(javaCommand(launcher.serveJvmOptions(), "-cp", benchmarksJar.toString(),
                serverClass.getName(), String.valueOf(port), String.valueOf(sessions), tokens.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        Measured result = measure(name, server, port, tokens, connections, null, null, null);
        deleteRecursively(dir);
        return result;
    }

    private Measured runOnPostgres(int sessions, int connections, boolean dpop) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "200");
        // e.g. "commit_delay=20,commit_siblings=5": server settings to compare, applied after the defaults above
        for (String setting : options.getOrDefault("postgres-settings", "").split(",")) {
            if (!setting.isBlank()) {
                builder.setServerConfig(setting.substring(0, setting.indexOf('=')).strip(),
                        setting.substring(setting.indexOf('=') + 1).strip());
            }
        }
        try (EmbeddedPostgres postgres = builder.start()) {
            return runService(sessions, connections, "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                    "postgres", postgres.getPort(), dpop, null);
        }
    }

    /**
     * The real service ({@code serve} from the executable jar) on the embedded file, or on {@code dbUrl}; with
     * {@code dpop}, every session bound to one client key and every request with a proof; {@code embeddedDurability}
     * the flag's value, or null for the default.
     */
    private Measured runService(int sessions, int connections, String dbUrl, String dbUser, Integer postgresPort,
                                  boolean dpop, String embeddedDurability) throws Exception {
        Path dir = Files.createTempDirectory("customer-tokens-bench");
        int port = freePort();
        List<String> flags = new ArrayList<>(List.of("--data-dir", dir.toString(), "--port", String.valueOf(port),
                "--jwt-secret", BenchmarkData.SECRET, "--public-url", "http://127.0.0.1:" + port,
                "--management-port", "0"));
        if (options.containsKey("pool-size")) {
            flags.addAll(List.of("--db-pool-size", options.get("pool-size")));
        }
        if (embeddedDurability != null) {
            flags.addAll(List.of("--embedded-durability", embeddedDurability));
        }
        if (dbUrl != null) {
            flags.addAll(List.of("--db-url", dbUrl, "--db-user", dbUser));
        } else if (options.containsKey("h2-settings")) {
            // the embedded file with extra H2 settings, e.g. ";COMPRESS=TRUE", to compare store options
            flags.addAll(List.of("--db-url", "jdbc:h2:file:" + dir.resolve("customer-tokens") + options.get("h2-settings")));
        }
        Path tokens = dir.resolve("tokens.txt");
        Path dpopKey = dpop ? dir.resolve("dpop-key.json") : null;
        KeyThumbprint jkt = dpop ? DpopLoadKey.create(dpopKey, options.getOrDefault("dpop-alg", "ES256")).thumbprint()
                : null;
        long seeding = System.nanoTime();
        try (CustomerTokens library = CustomerTokens.open(Settings.parse(Map.of(), flags.toArray(String[]::new))
                .library(), Clock.systemUTC(), null, null)) {
            BenchmarkData.seed(library.administration(), library.administration(), library.issueToken(), sessions, tokens,
                    jkt);
        }
        System.out.printf(Locale.ROOT, "%s: %d sessions begun in %.1f s%n", dbUrl == null ? "h2" : "postgres", sessions,
                (System.nanoTime() - seeding) / 1e9);
        Process server = launcher.serve(flags).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        Measured result = measure((dbUrl == null ? "h2" : "postgres") + (dpop ? DPOP_SUFFIX : ""), server, port, tokens,
                connections, dbUrl == null ? dir.resolve("customer-tokens.mv.db") : null, postgresPort, dpopKey);
        // a failed run keeps its folder (server.log) for a look; a million sessions' soak leaves hundreds of MiB
        deleteRecursively(dir);
        return result;
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** @param dpopKey the client key the sessions are bound to, or null when they are bound to none */
    private Measured measure(String name, Process server, int port, Path tokens, int connections, Path databaseFile,
                               Integer postgresPort, Path dpopKey) throws Exception {
        try {
            awaitListening(server, port);
            int warmup = intOption("warmup", DEFAULT_WARMUP_SECONDS);
            int seconds = intOption("seconds", DEFAULT_SECONDS);
            ServerSampler sampler = new ServerSampler(server, databaseFile);
            List<String> clientCommand = new ArrayList<>(List.of("-Xmx2g", "-cp", benchmarksJar.toString(),
                    LoadClient.class.getName(), String.valueOf(port), tokens.toString(), String.valueOf(connections),
                    String.valueOf(warmup), String.valueOf(seconds), order()));
            if (dpopKey != null) {
                clientCommand.add(dpopKey.toString());
            }
            List<String> command = javaCommand(clientCommand);
            if (options.containsKey("client-cpus")) {
                // the load generator kept on the given cores (taskset), to see what sharing them with the server costs
                command.addAll(0, List.of("taskset", "-c", options.get("client-cpus")));
            }
            Process client = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            sampler.start();
            CpuShares cpu = new CpuShares(server.toHandle(), client.toHandle(), postgresPort);
            Thread cpuMeter = new Thread(() -> cpu.measure(seconds));
            cpuMeter.setDaemon(true);
            String report;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                report = out.readLine();
                if (LoadClient.MEASURING.equals(report)) {
                    cpuMeter.start();
                    report = out.readLine();
                }
            }
            if (!client.waitFor(warmup + seconds + 120L, TimeUnit.SECONDS) || report == null) {
                client.destroyForcibly();
                throw new IllegalStateException(name + ": the load client gave no report");
            }
            int idle = intOption("idle", 0);
            if (idle > 0) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(idle));
            }
            sampler.stop();
            if (databaseFile != null) {
                System.out.println(name + ": database file size, sampled every 10 s from the start of the load: "
                        + sampler.fileSizes());
            }
            cpuMeter.join(TimeUnit.SECONDS.toMillis(5));
            JsonObject result = new JsonObject(report);
            result.put("max_rss_kib", sampler.maxRssKib())
                    .put("cpu_us_per_rotation", cpu.perRotation(result.getDouble("rotations_per_second")));
            System.out.println(name + ": " + result.encode());
            return new Measured(result, sampler.timeline());
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static void awaitListening(Process server, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server ended with exit code " + server.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not listen on " + port + " in time");
    }

    private static List<String> javaCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ServerLauncher.javaExecutable());
        command.addAll(arguments);
        return command;
    }

    private static List<String> javaCommand(List<String> jvm, String... arguments) {
        List<String> all = new ArrayList<>(jvm);
        all.addAll(List.of(arguments));
        return javaCommand(all);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
