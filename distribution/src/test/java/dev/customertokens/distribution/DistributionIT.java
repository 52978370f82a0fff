package dev.customertokens.distribution;

import dev.customertokens.testkit.RefreshRequestHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tarball as an operator installs it: unpacked, {@code bin/customer-tokens serve} started on free ports,
 * its printed token refreshed, commands run beside it (the first records the class archive, the next use it),
 * then stopped with SIGTERM; and the options the launcher passes, and the unit's hardening.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DistributionIT {

    private static final Path TARBALL = Path.of(System.getProperty("customerTokens.tarball"));
    private static final String NAME = System.getProperty("customerTokens.distributionName");
    /** The project's root: failsafe runs in the module's folder. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void the_launcher_serves_runs_a_command_beside_and_stops_cleanly_on_sigterm() throws Exception {
        Path home = unpack();
        Path launcher = home.resolve("bin/customer-tokens");
        assertThat(Files.isExecutable(launcher)).isTrue();
        if (Files.exists(Path.of(System.getProperty("java.home"), "jmods", "java.base.jmod"))) {
            assertThat(home.resolve("runtime/bin/java")).as("a JDK with its jmods bundles a runtime").isExecutable();
        }
        int port = freePort();
        Process serve = start(launcher, "serve", "--port", Integer.toString(port), "--management-port", "0");
        String curl = curlPrintedBy(serve);

        String applicationKey = group(curl, "Application: ([0-9a-f]{32})'");
        HttpResponse<String> refreshed = refresh(port, group(curl, "Authorization: Bearer ([^']+)'"), applicationKey);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.body()).contains("\"customer_account\"");

        Path out = workDir.resolve("issue.out");
        Process issue = new ProcessBuilder(launcher.toString(), "tokens", "issue", "--customer",
                "0da5a3f0-a354-4c04-8438-f1389c19a3f7", "--application", applicationKey)
                .directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(workDir.resolve("issue.err").toFile()).start();
        processes.add(issue);
        assertThat(issue.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(issue.exitValue()).as(Files.readString(workDir.resolve("issue.err"))).isZero();
        String token = group(Files.readString(out), "\"value\":\"([^\"]+)\"");
        assertThat(refresh(port, token, applicationKey).statusCode()).isEqualTo(200);
        try (java.util.stream.Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(file -> file.getFileName().toString()))
                    .as("the first command recorded the class archive, named by the jar's checksum")
                    .filteredOn(name -> name.matches("customer-tokens-\\d+\\.jsa")).hasSize(1);
        }
        Process list = new ProcessBuilder(launcher.toString(), "sessions", "list", "--customer",
                "0da5a3f0-a354-4c04-8438-f1389c19a3f7").directory(workDir.toFile()).redirectErrorStream(false).start();
        processes.add(list);
        String sessions = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as("a command started from the archive").isZero();
        assertThat(sessions.lines()).as("standard output holds the result only").hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("{\"id\":"));

        new ProcessBuilder("kill", "-TERM", Long.toString(serve.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stopped after SIGTERM").isTrue();
        assertThat(serve.exitValue()).as("serve's exit code after SIGTERM; log: %s", log()).isZero();
    }

    @Test
    void the_readmes_first_command_runs_the_built_launcher_with_its_options() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher command = Pattern.compile("(?m)^\\./mvnw -B -q package -DskipTests && (\\S+) serve$").matcher(readme);
        assertThat(command.find()).as("the README's command that runs the service").isTrue();
        Path launcher = ROOT.resolve(command.group(1));
        assertThat(launcher).as("the launcher the build lays out").isExecutable();

        int port = freePort();
        Process serve = start(launcher, "serve", "--port", Integer.toString(port), "--management-port", "0");
        String curl = curlPrintedBy(serve);
        HttpResponse<String> refreshed = refresh(port, group(curl, "Authorization: Bearer ([^']+)'"),
                group(curl, "Application: ([0-9a-f]{32})'"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        Path home = launcher.getParent().getParent();
        if (Files.isDirectory(home.resolve("runtime"))) {
            assertThat(serve.toHandle().info().command()).as("the bundled runtime's java")
                    .contains(home.resolve("runtime/bin/java").toString());
        }
        List<String> jvmArguments = serve.toHandle().info().arguments().map(List::of).orElseThrow();
        assertThat(jvmArguments).as("the process is the JVM, with the options of config/jvm.options")
                .contains("-XX:+UseSerialGC", "-jar", home.resolve("lib/customer-tokens.jar").toString(), "serve");
        new ProcessBuilder("kill", "-TERM", Long.toString(serve.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stopped after SIGTERM").isTrue();
    }

    @Test
    void the_launcher_passes_the_options_of_jvm_options_and_the_environment() throws Exception {
        Path home = unpack();
        Files.writeString(home.resolve("config/jvm.options"), """
                # a comment
                -Dfor.all=1
                serve: -Dfor.serve=1
                import: -Dfor.import=1
                command: -Dfor.commands=1   # trailing comment
                """);
        String args = commandLineOf(home, "tokens", "issue");
        assertThat(args).contains("-Dfor.all=1").contains("-Dfor.commands=1").contains("-Dfrom.env=1")
                .doesNotContain("-Dfor.serve=1").doesNotContain("-Dfor.import=1")
                .contains("-jar " + home.resolve("lib/customer-tokens.jar"));
        assertThat(commandLineOf(home, "serve")).contains("-Dfor.all=1").contains("-Dfor.serve=1")
                .doesNotContain("-Dfor.commands=1").doesNotContain("-Dfor.import=1");
        assertThat(commandLineOf(home, "customers", "import")).contains("-Dfor.all=1").contains("-Dfor.import=1")
                .doesNotContain("-Dfor.commands=1").doesNotContain("-Dfor.serve=1");
        assertThat(commandLineOf(home, "customers", "delete")).contains("-Dfor.commands=1")
                .doesNotContain("-Dfor.import=1");
    }

    @Test
    void the_systemd_unit_runs_the_launcher_as_its_own_user_with_only_the_data_folder_writable() throws Exception {
        String unit = Files.readString(unpack().resolve("systemd/customer-tokens.service"));

        assertThat(unit.lines().map(String::strip)).contains(
                "User=customer-tokens",
                "ProtectSystem=strict",
                "ProtectHome=yes",
                "PrivateTmp=yes",
                "NoNewPrivileges=yes",
                "ReadWritePaths=/var/lib/customer-tokens",
                "StateDirectory=customer-tokens",
                "WorkingDirectory=/var/lib/customer-tokens",
                "ExecStart=/opt/customer-tokens/bin/customer-tokens serve --data-dir /var/lib/customer-tokens",
                "KillSignal=SIGTERM",
                "Restart=on-failure",
                "CapabilityBoundingSet=");
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
        assertThat(stop.find()).isTrue();
        assertThat(Integer.parseInt(stop.group(1))).as("above the default shutdown grace of 10 s").isGreaterThan(10);
    }

    /**
     * The JVM's command line the launcher makes for {@code command}, without running the service: a {@code java} that
     * prints its arguments stands in for the bundled runtime's, or, in a tarball without one, for {@code $JAVA_HOME}'s.
     */
    private String commandLineOf(Path home, String... command) throws Exception {
        Path fakeHome = workDir.resolve("fake-java-" + String.join("-", command));
        Path bundled = home.resolve("runtime/bin/java");
        Path fakeJava = Files.exists(bundled) ? bundled : fakeHome.resolve("bin/java");
        Files.createDirectories(fakeJava.getParent());
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\"\n");
        fakeJava.toFile().setExecutable(true);
        List<String> launched = new ArrayList<>(List.of(home.resolve("bin/customer-tokens").toString()));
        launched.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(launched).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", fakeHome.toString());
        builder.environment().put("CUSTOMER_TOKENS_JAVA_OPTS", "-Dfrom.env=1");
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return printed.strip();
    }

    private Path unpack() throws IOException, InterruptedException {
        Path into = Files.createDirectories(workDir.resolve("opt"));
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", into.toString()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        return into.resolve(NAME);
    }

    private Process start(Path launcher, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(workDir.resolve("serve.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CUSTOMER_TOKENS_") || k.equals("JAVA_HOME"));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private String curlPrintedBy(Process serve) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder curl = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            curl.append(line).append('\n');
            if (line.startsWith("  --header 'X-Request-ID")) {
                return curl.toString();
            }
        }
        throw new AssertionError("serve ended before printing its curl; log: " + log());
    }

    private String log() throws IOException {
        Path log = workDir.resolve("serve.log");
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in %s", regex, text).isTrue();
        return matcher.group(1);
    }

    /** A refresh of {@code token} for the application {@code serve} seeded (its key is new in every data folder). */
    private HttpResponse<String> refresh(int port, String token, String applicationKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/customers/refresh"))
                .timeout(Duration.ofSeconds(30)).GET();
        Map<String, String> headers = new LinkedHashMap<>(RefreshRequestHeaders.valid(token));
        headers.put("Application", applicationKey);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
