package dev.customertokens.bootstrap;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of docs/dpop.md holds: its client, {@code docs/dpop/DpopProof.java}, run as a reader runs it
 * (the JDK's source launcher), makes the thumbprint a session is bound to and proofs that the service accepts,
 * with and without server nonces; and the page quotes that program as it is.
 */
class DpopWorkedExampleTest {

    private static final Path PROGRAM = Path.of("..", "docs", "dpop", "DpopProof.java");
    private static final String HTU = TestService.PUBLIC_URL + "/api/customers/refresh";

    @TempDir
    Path folder;

    /** The proof's iat is the real time, so the service runs on a clock that starts now. */
    private final ServiceNodes nodes = new ServiceNodes(ServiceNodes.Engine.H2, new MutableClock(Instant.now()));

    @AfterEach
    void stop() {
        nodes.close();
    }

    private String client(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                PROGRAM.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static HttpResponse<Buffer> refresh(TestService node, String token, String proof) {
        return node.send(HttpMethod.GET, "/api/customers/refresh",
                TestService.validHeaders(token).set("Authorization", "DPoP " + token).set("DPoP", proof));
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    @Test
    void the_example_client_binds_a_session_and_refreshes_it_with_and_without_server_nonces() throws Exception {
        String keyFile = folder.resolve("client.key").toString();
        String jkt = client(keyFile);
        assertThat(KeyThumbprint.isWellFormed(jkt)).as(jkt).isTrue();
        assertThat(Files.getPosixFilePermissions(Path.of(keyFile))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(client(keyFile)).as("the same key, kept in the file").isEqualTo(jkt);
        TestService node = nodes.node("--dpop-nonces", "true");
        String token = node.tokens().issueToken().issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null,
                KeyThumbprint.of(jkt))).token();

        HttpResponse<Buffer> first = refresh(node, token, client(keyFile, token, HTU));
        assertThat(first.statusCode()).isEqualTo(401);
        String next = tokenOf(refresh(node, token, client(keyFile, token, HTU, first.getHeader("DPoP-Nonce"))));

        TestService withoutNonces = nodes.node();
        assertThat(tokenOf(refresh(withoutNonces, next, client(keyFile, next, HTU)))).isNotEqualTo(next);
    }

    @Test
    void the_page_quotes_the_program_as_it_is() throws IOException {
        assertThat(Files.readString(Path.of("..", "docs", "dpop.md"))).contains(Files.readString(PROGRAM).strip());
    }
}
