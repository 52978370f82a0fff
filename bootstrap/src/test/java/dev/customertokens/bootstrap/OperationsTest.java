package dev.customertokens.bootstrap;

import dev.customertokens.application.port.in.TokenGrant;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT 4 on the real service: the management listener, metrics after real traffic, housekeeping, readiness at shutdown. */
class OperationsTest {

    private TestService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    @Test
    void metrics_after_a_short_load_show_outcomes_latency_revocations_pool_jvm_and_http_server() throws IOException {
        service = new TestService();
        String token = service.login().token();
        String first = token;
        for (int i = 0; i < 20; i++) {
            HttpResponse<Buffer> response = service.refresh(token);
            assertThat(response.statusCode()).isEqualTo(200);
            token = tokenOf(response);
        }
        assertThat(service.refresh(first).statusCode()).as("reuse").isEqualTo(401);
        assertThat(service.refresh("not-a-token").statusCode()).isEqualTo(401);
        TokenGrant other = service.login();
        String rotated = tokenOf(service.refresh(other.token(), "retry-1"));
        assertThat(tokenOf(service.refresh(other.token(), "retry-1"))).as("a retry replays").isEqualTo(rotated);

        HttpResponse<Buffer> metrics = service.management(HttpMethod.GET, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String text = metrics.bodyAsString();
        assertThat(text)
                .contains("customer_tokens_refresh_total{error=\"\",outcome=\"rotated\"} 21.0")
                .contains("customer_tokens_refresh_total{error=\"\",outcome=\"replayed\"} 1.0")
                .contains("customer_tokens_refresh_total{error=\"token_reused\",outcome=\"refused\"} 1.0")
                .contains("customer_tokens_refresh_total{error=\"token_invalid\",outcome=\"refused\"} 1.0")
                .contains("customer_tokens_refresh_seconds_bucket{le=")
                .contains("customer_tokens_refresh_seconds_count 24")
                .contains("customer_tokens_sessions_revoked_total{reason=\"reuse_detected\"} 1.0")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes")
                .contains("vertx_http_server_requests_total");
        Files.writeString(Path.of("target", "metrics-after-short-load.txt"), text.lines()
                .filter(line -> line.startsWith("customer_tokens_") || line.startsWith("hikaricp_connections")
                        || line.startsWith("vertx_http_server_requests_total") || line.startsWith("jvm_memory_used_bytes"))
                .filter(line -> !line.contains("_bucket{") || line.contains("le=\"0.005") || line.contains("le=\"+Inf"))
                .collect(Collectors.joining("\n")));
    }

    @Test
    void readiness_is_up_with_the_database_and_down_the_moment_shutdown_begins() {
        service = new TestService();
        HttpResponse<Buffer> ready = service.management(HttpMethod.GET, "/health/ready");
        assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
        assertThat(new JsonObject(ready.bodyAsString()).getString("status")).isEqualTo("UP");

        service.service.beginShutdown();
        HttpResponse<Buffer> draining = service.management(HttpMethod.GET, "/health/ready");
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(draining.bodyAsString()).contains("\"id\":\"shutdown\",\"status\":\"DOWN\"");
        assertThat(service.management(HttpMethod.GET, "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void the_public_listener_serves_none_of_the_management_paths() {
        service = new TestService();
        for (String path : new String[]{"/health/live", "/health/ready", "/metrics", "/openapi.json"}) {
            HttpResponse<Buffer> response = service.send(HttpMethod.GET, path, io.vertx.core.MultiMap.caseInsensitiveMultiMap());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<Buffer> openApi = service.management(HttpMethod.GET, "/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(openApi.bodyAsString()).getString("openapi")).isEqualTo("3.1.0");
        assertThat(service.management(HttpMethod.DELETE, "/health/ready").statusCode()).isEqualTo(405);
        HttpResponse<Buffer> admin = service.management(HttpMethod.GET, "/admin/nothing-here");
        assertThat(admin.statusCode()).as("no admin token configured: the whole admin API is off").isEqualTo(403);
        assertThat(new JsonObject(admin.bodyAsString()).getString("error")).isEqualTo("admin_disabled");
    }

    @Test
    void housekeeping_deletes_ended_and_long_revoked_sessions_and_their_tokens_answer_as_before() {
        service = new TestService("--refresh-ttl-minutes", "3000", "--retention-days", "1");
        TokenGrant ending = service.login();
        service.clock.advance(Duration.ofMinutes(2000));
        TokenGrant revoked = service.login();
        TokenGrant live = service.login();
        String revokedSession = String.valueOf(new JsonObject(new String(java.util.Base64.getUrlDecoder()
                .decode(revoked.token().split("\\.")[1]))).getLong("session_id"));
        service.tokens().revokeSessions().revokeSession(dev.customertokens.domain.SessionId.of(Long.parseLong(revokedSession)));
        service.clock.advance(Duration.ofMinutes(1001));

        assertThat(service.tokens().purgeSessions().purge()).as("the ended session only").isEqualTo(1);
        assertThat(error(service.refresh(ending.token()))).isEqualTo("token_refresh_expired");
        service.clock.advance(Duration.ofMinutes(440));
        assertThat(service.tokens().purgeSessions().purge()).as("now the long revoked one").isEqualTo(1);
        assertThat(error(service.refresh(revoked.token()))).isEqualTo("session_invalid");
        assertThat(service.refresh(live.token()).statusCode()).isEqualTo(200);
        assertThat(service.tokens().purgeSessions().purge()).isZero();
    }

    private static String error(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getString("error");
    }
}
