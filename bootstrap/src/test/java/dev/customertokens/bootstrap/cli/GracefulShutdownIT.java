package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.application.port.in.IssueTokenCommand;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar under load, stopped with SIGTERM (CONTRACT 4.5): 32 clients keep rotating their own
 * sessions; SIGTERM; no client sees a cut-off response or a 5xx; after a restart every token a client
 * received with a 200 still refreshes. The same run's log, in JSON, holds no token, signature, secret or
 * Authorization header, though it covers 200s, every kind of refusal and a reuse detection (CONTRACT 4.6).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GracefulShutdownIT {

    private static final Path JAR = Path.of(System.getProperty("customerTokens.jar", "target/customer-tokens.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final int CLIENTS = 32;
    private static final dev.customertokens.domain.Application APPLICATION = new dev.customertokens.domain.Application(
            dev.customertokens.domain.ApplicationId.of(77),
            dev.customertokens.domain.ApplicationKey.of("aaaaaaaabbbbbbbbccccccccdddddddd"), "Load", true);

    @TempDir
    Path workDir;

    /**
     * HTTP/1.1, as browsers' fetch through a proxy, curl and load balancers speak to a service. (JDK 17's
     * client would otherwise upgrade to h2c, and it fails every open stream on a GOAWAY, even those the
     * server announces it will still answer: JDK-8335181, fixed in JDK 24.)
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private int port;
    private int managementPort;

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What one client saw. */
    private static final class ClientRecord {
        volatile String token;
        /** A request sent on a connection the server closed before reading it: never processed, so never answered. */
        volatile boolean closedUnread;
        final AtomicInteger ok = new AtomicInteger();
        final List<String> problems = new CopyOnWriteArrayList<>();
    }

    @Test
    void sigterm_under_load_answers_every_request_in_flight_and_every_200_survives() throws Exception {
        port = freePort();
        managementPort = freePort();
        Process serve = serve(0);
        awaitReady();
        List<String> everyToken = new CopyOnWriteArrayList<>();
        String secret = Files.readString(workDir.resolve("data").resolve("jwt-secret")).strip();

        // one session per client, begun beside the running service on the same embedded database
        List<ClientRecord> clients = new ArrayList<>();
        String refused;
        Settings beside = Settings.parse(Map.of(), "--data-dir", workDir.resolve("data").toString(), "--port", Integer.toString(port));
        // as a command opens it: not a second service, which the embedded file refuses
        try (CustomerTokens tokens = CustomerTokens.open(beside.forCommand().library(), Clock.systemUTC(), null, null)) {
            tokens.administration().register(APPLICATION);
            tokens.administration().importAccounts(DemoSeed.demoCustomers());
            for (int i = 0; i < CLIENTS; i++) {
                ClientRecord client = new ClientRecord();
                client.token = tokens.issueToken().issue(new IssueTokenCommand(DemoSeed.demoCustomer().id(),
                        APPLICATION.key(), null)).token();
                everyToken.add(client.token);
                clients.add(client);
            }
            refused = tokens.issueToken().issue(new IssueTokenCommand(DemoSeed.demoCustomer().id(), APPLICATION.key(), null)).token();
            everyToken.add(refused);
        }
        String applicationKey = APPLICATION.key().value();

        everyKindOfRefusal(refused, applicationKey, everyToken);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inFlight = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (ClientRecord client : clients) {
            Thread thread = new Thread(() -> rotate(client, applicationKey, stop, inFlight, statuses, everyToken));
            thread.start();
            threads.add(thread);
        }
        while (clients.stream().mapToInt(c -> c.ok.get()).sum() < 2_000) {
            TimeUnit.MILLISECONDS.sleep(20); // waiting for load to build up, not for a deadline
        }
        int inFlightAtSigterm = inFlight.get();
        int okBeforeSigterm = clients.stream().mapToInt(c -> c.ok.get()).sum();
        long sigtermAt = System.nanoTime();
        serve.destroy(); // SIGTERM
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
        long exitedAfterMillis = (System.nanoTime() - sigtermAt) / 1_000_000;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        int okTotal = clients.stream().mapToInt(c -> c.ok.get()).sum();
        List<String> problems = clients.stream().flatMap(c -> c.problems.stream()).toList();

        Files.copy(workDir.resolve("serve-0.log"), Path.of("target", "graceful-shutdown-serve.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(Path.of("target", "graceful-shutdown-figures.txt"), "before restart: 200s=" + okTotal
                + ", in flight at SIGTERM=" + inFlightAtSigterm + ", exited after ms=" + exitedAfterMillis + ", statuses="
                + statuses + "\n" + String.join("\n", problems));
        serve(1);
        awaitReady();
        int survived = 0;
        for (ClientRecord client : clients) {
            // a fresh request id and no grace period: only a token that is still current refreshes, so a 200 here
            // also proves that no request of this client was processed without its answer reaching the client
            HttpResponse<String> after = refresh(client.token, applicationKey, UUID.randomUUID().toString());
            assertThat(after.statusCode()).as("the last token answered 200 still refreshes: %s", after.body()).isEqualTo(200);
            everyToken.add(tokenOf(after.body()));
            survived++;
        }
        long closedUnread = clients.stream().filter(c -> c.closedUnread).count();
        String figures = String.format("clients=%d, 200s before SIGTERM=%d, 200s in all=%d, requests in flight at SIGTERM=%d, "
                        + "process exited %d ms after SIGTERM, statuses=%s, cut-off responses=%d, "
                        + "requests on connections closed before they were read (never processed)=%d, "
                        + "last 200 token still current after restart=%d/%d",
                CLIENTS, okBeforeSigterm, okTotal, inFlightAtSigterm, exitedAfterMillis, statuses, problems.size(),
                closedUnread, survived, CLIENTS);
        Files.writeString(Path.of("target", "graceful-shutdown-figures.txt"), figures + "\n" + String.join("\n", problems));
        assertThat(problems).as(figures).isEmpty();
        assertThat(statuses.keySet()).as(figures).allMatch(status -> status < 500);

        processes.get(1).destroy();
        processes.get(1).waitFor(60, TimeUnit.SECONDS);
        assertLogsHoldNoSecret(everyToken, secret);
    }

    private void rotate(ClientRecord client, String applicationKey, AtomicBoolean stop, AtomicInteger inFlight,
                        Map<Integer, AtomicInteger> statuses, List<String> everyToken) {
        while (!stop.get()) {
            String requestId = UUID.randomUUID().toString();
            inFlight.incrementAndGet();
            try {
                HttpResponse<String> response = refresh(client.token, applicationKey, requestId);
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() == 200) {
                    client.token = tokenOf(response.body());
                    everyToken.add(client.token);
                    client.ok.incrementAndGet();
                } else if (response.statusCode() >= 500) {
                    client.problems.add(response.statusCode() + " " + response.body());
                    return;
                }
            } catch (ConnectException refused) {
                // the listener is closed: the request never reached the service
                return;
            } catch (IOException closed) {
                if (String.valueOf(closed.getMessage()).contains("received no bytes")) {
                    // the connection was accepted in the last instant and closed before its request was read;
                    // the check after the restart proves that the service never processed it
                    client.closedUnread = true;
                } else {
                    client.problems.add("cut off: " + closed);
                }
                return;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** 200s and every refusal the wire and the rules can give, a reuse detection included, for the log check. */
    private void everyKindOfRefusal(String token, String applicationKey, List<String> everyToken) throws Exception {
        HttpResponse<String> first = refresh(token, applicationKey, UUID.randomUUID().toString());
        assertThat(first.statusCode()).isEqualTo(200);
        String next = tokenOf(first.body());
        everyToken.add(next);
        HttpResponse<String> second = refresh(next, applicationKey, UUID.randomUUID().toString());
        everyToken.add(tokenOf(second.body()));
        assertThat(refresh(token, applicationKey, UUID.randomUUID().toString()).body()).as("grace is 0 here").contains("token_reused");
        assertThat(refresh(next, applicationKey, UUID.randomUUID().toString()).body()).contains("session_revoked");
        assertThat(refresh(token + "x", applicationKey, UUID.randomUUID().toString()).body()).contains("token_invalid");
        assertThat(refresh(token, "ffffffffffffffffffffffffffffffff", UUID.randomUUID().toString()).body()).contains("application_unknown");
        assertThat(send(HttpRequest.newBuilder(refreshUri()).header("Authorization", "Basic " + token).GET()).body())
                .contains("invalid_headers");
        assertThat(send(HttpRequest.newBuilder(refreshUri()).header("Accept", "text/html")
                .header("Authorization", "Bearer " + token).GET()).statusCode()).isIn(400, 406);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x/" + token)).GET()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(refreshUri()).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(token))).statusCode()).isEqualTo(405);
    }

    private void assertLogsHoldNoSecret(List<String> tokens, String secret) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            lines.addAll(Files.readAllLines(workDir.resolve("serve-" + i + ".log"), StandardCharsets.UTF_8));
        }
        assertThat(lines).as("the run logged").hasSizeGreaterThan(100);
        int accessLines = 0;
        int auditLines = 0;
        for (String line : lines) {
            JsonObject json = new JsonObject(line); // every line is one JSON object
            String logger = json.getString("loggerName");
            if ("customer-tokens.access".equals(logger) || "customer-tokens.audit".equals(logger)) {
                if ("customer-tokens.access".equals(logger)) {
                    accessLines++;
                } else {
                    auditLines++;
                }
                JsonObject mdc = json.getJsonObject("mdc");
                boolean outsideRequest = line.contains("session_started") || line.contains("sessions_purged");
                if (!outsideRequest) {
                    assertThat(mdc == null ? null : mdc.getString("request_id")).as("request id in %s", line).isNotBlank();
                }
            }
            assertThat(line).doesNotContainIgnoringCase("authorization").doesNotContain("Bearer ").doesNotContain(secret);
        }
        assertThat(accessLines).isGreaterThan(2_000);
        assertThat(auditLines).isGreaterThan(2_000);
        String all = String.join("\n", lines);
        for (String token : tokens) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(all.contains(signature)).as("a signature in the log").isFalse();
            assertThat(all.contains(token.substring(0, token.lastIndexOf('.')))).as("a token in the log").isFalse();
        }
        assertThat(all).contains("reuse_detected").contains("token_rotated").contains("refresh_refused");
    }

    private URI refreshUri() {
        return URI.create("http://127.0.0.1:" + port + "/api/customers/refresh");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> refresh(String token, String applicationKey, String requestId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(refreshUri())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("API-VERSION", "5.0.0")
                .header("Application", applicationKey)
                .header("X-QB-Enabled", "false")
                .header("X-Request-ID", requestId)
                .GET());
    }

    private static String tokenOf(String body) {
        return new JsonObject(body).getJsonObject("data").getJsonObject("token").getString("value");
    }

    private Process serve(int index) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toAbsolutePath().toString(), "serve",
                "--port", Integer.toString(port), "--management-port", Integer.toString(managementPort),
                "--grace-seconds", "0", "--shutdown-grace-seconds", "10", "--log-format", "json")
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve("serve-" + index + ".out").toFile())
                .redirectError(workDir.resolve("serve-" + index + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith(EnvironmentDefaults.PREFIX));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling for readiness, not waiting for a deadline
        }
        throw new AssertionError("serve was not ready within a minute");
    }
}
