package dev.customertokens.bootstrap.cli;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar, run as a user runs it: {@code serve} on a fresh data folder, the command line beside it
 * on the same embedded database, and refreshes over HTTP; then the service killed with SIGKILL right
 * after a 200 and started again, to show that the rotation it answered was not forgotten.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JarEndToEndIT {

    private static final Path JAR = Path.of(System.getProperty("customerTokens.jar", "target/customer-tokens.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String NEW_KEY = "aaaaaaaabbbbbbbbccccccccdddddddd";

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private int port;

    @BeforeEach
    void freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void serve_seeds_the_demo_prints_a_working_curl_and_the_cli_works_beside_it() throws Exception {
        Served served = serve();
        assertThat(served.curl()).contains("/api/customers/refresh").contains("Authorization: Bearer ");

        HttpResponse<String> demo = refresh(served.bearer(), served.applicationKey(), UUID.randomUUID().toString());
        assertThat(demo.statusCode()).as(demo.body()).isEqualTo(200);
        JsonObject body = new JsonObject(demo.body());
        assertThat(body.getString("status")).isEqualTo("OK");
        assertThat(body.getJsonObject("data").getJsonObject("customer_account").getString("email"))
                .isEqualTo("ivan.djordjevic@partech.com");

        Files.writeString(workDir.resolve("customers.json"), """
                [{"id": "7f1d2a9e-0000-4000-8000-000000000001", "type_id": 1, "first_name": "Mila", "last_name": "Jovanovic",
                  "email": "mila@example.com", "confirmed": true, "phone_number": null, "locale": "sr", "state": 1,
                  "demographics": [{"key": "city", "value": "Novi Sad"}], "optin_status_email": 1, "optin_status_pn": 2,
                  "has_pending_email_change": false, "has_pending_phone_number_change": false, "is_social": false}]
                """);
        CliResult added = cli("applications", "add", "--id", "77", "--key", NEW_KEY, "--name", "Shop");
        assertThat(added.exit()).as(added.stderr()).isZero();
        assertThat(new JsonObject(added.stdout().strip()).getLong("id")).isEqualTo(77L);
        CliResult imported = cli("customers", "import", workDir.resolve("customers.json").toString());
        assertThat(imported.exit()).as(imported.stderr()).isZero();
        assertThat(imported.stdout().strip()).isEqualTo("{\"imported\":1}");
        CliResult issued = cli("tokens", "issue", "--customer", "7f1d2a9e-0000-4000-8000-000000000001",
                "--application", NEW_KEY, "--device-uuid", "e2e-device");
        assertThat(issued.exit()).as(issued.stderr()).isZero();
        JsonObject data = new JsonObject(issued.stdout().strip());
        String token = data.getJsonObject("token").getString("value");
        assertThat(data.getJsonObject("customer_account").getJsonArray("demographics").getJsonObject(0).getString("city"))
                .isNull();
        assertThat(data.getJsonObject("customer_account").getJsonArray("demographics").getJsonObject(0).getString("value"))
                .isEqualTo("Novi Sad");

        HttpResponse<String> refreshed = refresh(token, NEW_KEY, UUID.randomUUID().toString());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(new JsonObject(refreshed.body()).getJsonObject("data").getJsonObject("customer_account").getString("id"))
                .isEqualTo("7f1d2a9e-0000-4000-8000-000000000001");

        CliResult unknown = cli("tokens", "issue", "--customer", "nobody", "--application", NEW_KEY);
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr()).contains("no such customer");

        Path secret = workDir.resolve("data").resolve("jwt-secret");
        assertThat(Files.getPosixFilePermissions(secret))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void a_rotation_answered_200_survives_the_process_being_killed() throws Exception {
        Served served = serve();
        String token = served.bearer();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = refresh(token, served.applicationKey(), UUID.randomUUID().toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            token = new JsonObject(response.body()).getJsonObject("data").getJsonObject("token").getString("value");
        }
        served.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        serve();
        HttpResponse<String> afterRestart = refresh(token, served.applicationKey(), UUID.randomUUID().toString());
        assertThat(afterRestart.statusCode()).as(afterRestart.body()).isEqualTo(200);
    }

    @Test
    void a_command_beside_serve_on_another_port_without_its_flags_issues_tokens_serve_accepts() throws Exception {
        Served served = serve();
        String ivan = "0da5a3f0-a354-4c04-8438-f1389c19a3f7";

        CliResult issued = cliAsIs("tokens", "issue", "--customer", ivan, "--application", served.applicationKey(),
                "--count", "3");

        assertThat(issued.exit()).as(issued.stderr()).isZero();
        List<String> lines = issued.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            String token = new JsonObject(line).getJsonObject("token").getString("value");
            HttpResponse<String> refreshed = refresh(token, served.applicationKey(), UUID.randomUUID().toString());
            assertThat(refreshed.statusCode()).as("serve on port %d accepts it: %s", port, refreshed.body()).isEqualTo(200);
        }
        CliResult listed = cliAsIs("sessions", "list", "--customer", ivan);
        assertThat(listed.exit()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().lines()).hasSize(4).allSatisfy(line -> assertThat(new JsonObject(line).getLong("rotations"))
                .isIn(0L, 1L));
        CliResult contradicting = cliAsIs("tokens", "issue", "--customer", ivan, "--application", served.applicationKey(),
                "--public-url", "http://127.0.0.1:8080");
        assertThat(contradicting.exit()).as("a token for an issuer serve does not trust is refused: " + contradicting.stdout())
                .isEqualTo(2);
        assertThat(contradicting.stdout()).isEmpty();
    }

    private record Served(Process process, String curl, String bearer, String applicationKey) {
    }
    @Test
    void a_second_serve_on_the_same_data_folder_exits_2_naming_the_first() throws Exception {
        Served served = serve();

        CliResult second = cliAsIs("serve", "--port", "0", "--management-port", "0");

        assertThat(second.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(second.stderr()).contains("another service already runs on this embedded database")
                .contains("pid " + served.process().pid() + ", started ").doesNotContain("Exception");
        HttpResponse<String> first = refresh(served.bearer(), served.applicationKey(), UUID.randomUUID().toString());
        assertThat(first.statusCode()).as("the first serve still answers: " + first.body()).isEqualTo(200);
    }

    /**
     * The restore of docs/operations.md: serve stopped, the journal folder moved away, the zip's file put in place
     * of the database file; the token answered last before the backup refreshes, on the restored database.
     */
    @Test
    void store_backup_beside_serve_restores_to_the_last_token_answered_before_it() throws Exception {
        Served served = serve();
        String token = served.bearer();
        for (int i = 0; i < 5; i++) {
            token = refreshed(token, served.applicationKey());
        }
        Path zip = workDir.resolve("backup.zip");
        CliResult backup = cli("store", "backup", zip.toString());
        assertThat(backup.exit()).as(backup.stderr()).isZero();
        String afterTheBackup = refreshed(token, served.applicationKey());
        assertThat(afterTheBackup).isNotEqualTo(token);
        served.process().destroy();
        assertThat(served.process().waitFor(60, TimeUnit.SECONDS)).as("serve stopped on SIGTERM").isTrue();

        Path data = workDir.resolve("data");
        Files.move(data.resolve("customer-tokens.journal"), workDir.resolve("customer-tokens.journal.before-restore"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("customer-tokens.mv.db");
            Files.copy(in, data.resolve(entry.getName()), StandardCopyOption.REPLACE_EXISTING);
        }
        serve();

        HttpResponse<String> restored = refresh(token, served.applicationKey(), UUID.randomUUID().toString());
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    }

    private String refreshed(String token, String applicationKey) throws Exception {
        HttpResponse<String> response = refresh(token, applicationKey, UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    private record CliResult(int exit, String stdout, String stderr) {
    }

    private Served serve() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toAbsolutePath().toString(), "serve",
                "--port", Integer.toString(port), "--management-port", "0").directory(workDir.toFile())
                .redirectError(workDir.resolve("serve-" + processes.size() + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith(EnvironmentDefaults.PREFIX));
        Process process = builder.start();
        processes.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        StringBuilder curl = new StringBuilder();
        boolean firstStart = processes.size() == 1;
        if (firstStart) {
            while (true) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("serve printed its curl within a minute; log: %s", log()).isNotNull();
                curl.append(line).append('\n');
                if (!line.endsWith("\\")) {
                    break;
                }
            }
        }
        awaitListening();
        if (!firstStart) {
            return new Served(process, "", null, null);
        }
        String text = curl.toString();
        return new Served(process, text, group(text, "Authorization: Bearer ([^']+)'"), group(text, "Application: ([0-9a-f]{32})'"));
    }

    private String log() throws IOException {
        Path log = workDir.resolve("serve-" + (processes.size() - 1) + ".log");
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }

    @Test
    void serve_with_an_unusable_key_file_exits_2_naming_the_file_without_a_stack_trace() throws Exception {
        Path weak = dev.customertokens.adapters.jwt.testing.TokenForge.writePem(workDir.resolve("weak.pem"),
                dev.customertokens.adapters.jwt.testing.TokenForge.Keys.WEAK_RSA.getPrivate());

        CliResult missing = cli("serve", "--jwt-algorithm", "EdDSA", "--jwt-private-key-file", "no-such-key.pem");
        CliResult tooShort = cli("serve", "--jwt-algorithm", "RS256", "--jwt-private-key-file", weak.toString());

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no-such-key.pem: no such file").doesNotContain("Exception");
        assertThat(tooShort.exit()).isEqualTo(2);
        assertThat(tooShort.stderr()).contains(weak + ": the RSA key has 1024 bits; RS256 needs at least 2048")
                .doesNotContain("Exception");
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100); // polling for a port to open, not waiting for a deadline
            }
        }
        throw new AssertionError("serve did not listen within a minute; log: " + log());
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in %s", regex, text).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> refresh(String token, String applicationKey, String requestId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/customers/refresh"))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("API-VERSION", "5.0.0")
                .header("Application", applicationKey)
                .header("X-QB-Enabled", "false")
                .header("X-Request-ID", requestId)
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private CliResult cli(String... args) throws Exception {
        List<String> withPort = new ArrayList<>(List.of(args));
        withPort.addAll(List.of("--port", Integer.toString(port)));
        return cliAsIs(withPort.toArray(String[]::new));
    }

    /** A command as a new user types it beside serve: no flag repeated. */
    private CliResult cliAsIs(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith(EnvironmentDefaults.PREFIX));
        Path out = Files.createTempFile(workDir, "cli", ".out");
        Path err = Files.createTempFile(workDir, "cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        processes.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", args)).isTrue();
        return new CliResult(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
