package dev.customertokens.bootstrap.scaleout;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code serve} of the built jar in a process of its own, as an operator runs a node: on a PostgreSQL
 * URL, with the secret, public URL and admin token that every node of a deployment shares, its log in a
 * file. {@link #kill()} is SIGKILL; {@link #close()} is SIGTERM, then SIGKILL if it lingers.
 */
final class ServeProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "scale-out-admin-token-0123456789abcdef";
    static final String APPLICATION_KEY = "aaaaaaaabbbbbbbbccccccccdddddddd";
    static final long APPLICATION_ID = 77;
    /** The load balancer's address in front of every node: the issuer of every token, whichever node signs it. */
    static final String PUBLIC_URL = "https://tokens.example.com";
    private static final String JWT_SECRET = "scale-out-jwt-secret-0123456789abcdef";
    private static final Path JAR = Path.of(System.getProperty("customerTokens.jar", "target/customer-tokens.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServeProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts a node named {@code name} under {@code workDir} on {@code dbUrl} and returns once it is ready. */
    static ServeProcess start(Path workDir, String name, String dbUrl) throws IOException, InterruptedException {
        int port = freePort();
        int managementPort = freePort();
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toAbsolutePath().toString(), "serve",
                "--data-dir", workDir.resolve(name).toString(), "--port", String.valueOf(port),
                "--management-port", String.valueOf(managementPort), "--db-url", dbUrl, "--db-user", "postgres",
                "--db-pool-size", "8", "--jwt-secret", JWT_SECRET, "--public-url", PUBLIC_URL,
                "--admin-token", ADMIN_TOKEN, "--grace-seconds", "0", "--purge-interval-minutes", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CUSTOMER_TOKENS_"));
        ServeProcess serve = new ServeProcess(builder.start(), log, port, managementPort);
        try {
            serve.awaitReady();
        } catch (AssertionError | IOException | InterruptedException e) {
            serve.kill();
            throw e;
        }
        return serve;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("serve ended with " + process.exitValue() + "; log: " + log());
            }
            if (ready()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling for readiness, not waiting for a deadline
        }
        throw new AssertionError("serve was not ready within 90 s; log: " + log());
    }

    /** Whether {@code /health/ready} answers 200 now. */
    boolean ready() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        }
    }

    /** The refresh endpoint of this node. */
    URI refreshUri() {
        return URI.create("http://127.0.0.1:" + port + "/api/customers/refresh");
    }

    /** The application every session below belongs to. */
    void registerApplication() throws IOException, InterruptedException {
        admin("PUT", "/admin/applications/" + APPLICATION_ID,
                new JsonObject().put("key", APPLICATION_KEY).put("name", "Scale-out").put("enabled", true));
    }

    /** A customer of its own and a session for it, begun as the platform's login service does: its first token. */
    String login(String customerId) throws IOException, InterruptedException {
        admin("PUT", "/admin/customers/" + customerId, new JsonObject().put("type_id", 1).put("first_name", "Load")
                .put("last_name", customerId).put("email", customerId + "@example.com").put("confirmed", true)
                .putNull("phone_number").put("locale", "en").put("state", 1).put("demographics", new io.vertx.core.json.JsonArray())
                .put("optin_status_email", 1).put("optin_status_pn", 1).put("has_pending_email_change", false)
                .put("has_pending_phone_number_change", false).put("is_social", false));
        JsonObject begun = admin("POST", "/admin/sessions",
                new JsonObject().put("customer_id", customerId).put("application_key", APPLICATION_KEY));
        return begun.getJsonObject("data").getJsonObject("token").getString("value");
    }

    private JsonObject admin(String method, String path, JsonObject body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.encode())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return new JsonObject(response.body());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)";
    }

    /** SIGKILL, as a machine lost or an out-of-memory killer ends a node: nothing in flight is answered. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
