package dev.customertokens.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an operator runs past one machine, on this one: PostgreSQL, optionally PgBouncer in transaction
 * pooling mode in front of it, N {@code serve} nodes of the built jar, and HAProxy in front of the nodes
 * (round robin, readiness checked) when there are several. Every program runs as a child process and is
 * stopped on {@link #close()}; PgBouncer and HAProxy come from the machine's packages.
 */
final class ScaleOutTopology implements AutoCloseable {

    /** How the nodes reach PostgreSQL. */
    enum Pooler {
        DIRECT, PGBOUNCER, PGBOUNCER_PREPARED;

        /** PgBouncer before 1.21 keeps no prepared statement across server connections: pgjdbc must not name any. */
        String urlParameters() {
            return this == PGBOUNCER ? "?prepareThreshold=0" : "";
        }
    }

    private final Path dir;
    private final EmbeddedPostgres postgres;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();
    private int frontPort;

    private ScaleOutTopology(Path dir, EmbeddedPostgres postgres) {
        this.dir = dir;
        this.postgres = postgres;
    }

    /** Whether {@code program} is installed (on the PATH or in /usr/sbin, where Debian puts daemons). */
    static boolean installed(String program) {
        return locate(program) != null;
    }

    private static String locate(String program) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        folders.add("/usr/sbin");
        return folders.stream().map(folder -> Path.of(folder, program)).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElse(null);
    }

    /** Fills the database before any node starts, on PostgreSQL itself: migrations take session locks. */
    @FunctionalInterface
    interface Seeding {
        void seed(String directUrl) throws IOException;
    }

    static ScaleOutTopology start(Path dir, int nodeCount, Pooler pooler, Path serverJar, List<String> serverJvm,
                                  Seeding seeding) throws IOException, InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "200")
                .start();
        ScaleOutTopology topology = new ScaleOutTopology(dir, postgres);
        try {
            seeding.seed(topology.directUrl());
            String dbUrl = pooler == Pooler.DIRECT ? topology.directUrl()
                    : "jdbc:postgresql://127.0.0.1:" + topology.startPgBouncer() + "/postgres" + pooler.urlParameters();
            List<Integer> ports = new ArrayList<>();
            List<Integer> managementPorts = new ArrayList<>();
            for (int n = 0; n < nodeCount; n++) {
                ports.add(freePort());
                managementPorts.add(freePort());
                List<String> command = new ArrayList<>(List.of(java()));
                command.addAll(serverJvm);
                command.addAll(List.of("-jar", serverJar.toString(), "serve", "--data-dir", dir.resolve("node-" + n).toString(),
                        "--port", String.valueOf(ports.get(n)), "--management-port", String.valueOf(managementPorts.get(n)),
                        "--db-url", dbUrl, "--db-user", "postgres", "--jwt-secret", BenchmarkData.SECRET,
                        "--public-url", "http://127.0.0.1:8080"));
                Process node = topology.launch("node-" + n, command);
                topology.nodes.add(node);
            }
            for (int n = 0; n < nodeCount; n++) {
                awaitListening(topology.nodes.get(n), ports.get(n));
            }
            topology.frontPort = nodeCount == 1 ? ports.get(0) : topology.startHaproxy(ports, managementPorts);
            return topology;
        } catch (IOException | InterruptedException | RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    /** PostgreSQL itself, for seeding and for what the benchmark reads off it. */
    String directUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    /** Where the load goes: HAProxy, or the only node. */
    int frontPort() {
        return frontPort;
    }

    List<ProcessHandle> nodes() {
        return nodes.stream().map(Process::toHandle).toList();
    }

    private int startPgBouncer() throws IOException, InterruptedException {
        int port = freePort();
        Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"\"\n");
        Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "postgres = host=127.0.0.1 port=" + postgres.getPort() + " dbname=postgres",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("userlist.txt"),
                "pool_mode = transaction",
                "max_client_conn = 1000",
                "default_pool_size = 20",
                // pgjdbc sets it at every connection; PgBouncer would refuse a parameter it does not track
                "ignore_startup_parameters = extra_float_digits",
                ""));
        // PgBouncer refuses to run as root: a user namespace of its own, as the embedded PostgreSQL runs in
        Process bouncer = launch("pgbouncer", List.of("unshare", "-U", locate("pgbouncer"), dir.resolve("pgbouncer.ini").toString()));
        awaitListening(bouncer, port);
        return port;
    }

    private int startHaproxy(List<Integer> ports, List<Integer> managementPorts) throws IOException, InterruptedException {
        int port = freePort();
        List<String> config = new ArrayList<>(List.of(
                "global", "  maxconn 4096",
                "defaults", "  mode http", "  timeout connect 2s", "  timeout client 60s", "  timeout server 60s",
                "  option http-keep-alive",
                "frontend refresh", "  bind 127.0.0.1:" + port, "  default_backend nodes",
                "backend nodes", "  balance roundrobin", "  option httpchk GET /health/ready",
                "  http-check expect status 200"));
        for (int n = 0; n < ports.size(); n++) {
            config.add("  server node" + n + " 127.0.0.1:" + ports.get(n) + " check port " + managementPorts.get(n)
                    + " inter 500ms fall 2 rise 2");
        }
        Files.write(dir.resolve("haproxy.cfg"), config);
        Process haproxy = launch("haproxy", List.of(locate("haproxy"), "-db", "-f", dir.resolve("haproxy.cfg").toString()));
        awaitListening(haproxy, port);
        return port;
    }

    private Process launch(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // the front first, then the nodes (SIGTERM: they drain), then what they connect to
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        postgres.close();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitListening(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100); // polling for a port to open
            }
        }
        throw new IllegalStateException(process.info().command().orElse("a process") + " did not listen on " + port
                + (process.isAlive() ? " in time" : ", it ended with " + process.exitValue()));
    }
}
