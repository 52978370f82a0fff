package dev.customertokens.bootstrap;

import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT 2.6 over HTTP on the real service and a real database ({@link SessionHygieneOnH2Test},
 * {@link SessionHygieneOnPostgresTest}), with the test clock: the idle timeout revokes a session with reason
 * {@code idle_timeout}, seen in the answer, the admin listing and the revocation metric; a bounded number of grace
 * replays, after which the previous token is reuse.
 */
abstract class SessionHygieneEndToEndTest {

    private final MutableClock clock = new MutableClock(TestService.START);
    private final ServiceNodes nodes = new ServiceNodes(engine(), clock);

    /** The database the nodes share. */
    abstract ServiceNodes.Engine engine();

    @AfterEach
    void stop() {
        nodes.close();
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    private static String errorOf(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(401);
        return new JsonObject(response.bodyAsString()).getString("error");
    }

    private static JsonObject onlySession(TestService node) {
        return new JsonObject(node.admin(HttpMethod.GET, "/admin/customers/" + DemoData.IVAN_ID.value() + "/sessions",
                AdminApiTest.BEARER, null).bodyAsString()).getJsonObject("data").getJsonArray("sessions").getJsonObject(0);
    }

    @Test
    void a_session_idle_past_the_timeout_is_revoked_when_next_presented_and_only_rotations_count_as_activity() {
        TestService node = nodes.node("--idle-timeout-minutes", "30");
        String first = node.login().token();
        clock.advance(Duration.ofMinutes(29));
        String second = tokenOf(node.refresh(first, "rotation-1"));
        clock.advance(Duration.ofMinutes(29));
        assertThat(tokenOf(node.refresh(first, "rotation-1"))).as("a retry, which keeps nothing alive").isEqualTo(second);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        assertThat(errorOf(node.refresh(second))).isEqualTo("session_idle_expired");
        assertThat(errorOf(node.refresh(second))).as("from then on an ordinary revoked session").isEqualTo("session_revoked");
        assertThat(errorOf(node.refresh(first))).isEqualTo("session_revoked");
        JsonObject session = onlySession(node);
        assertThat(session.getString("revoked_reason")).isEqualTo("idle_timeout");
        assertThat(session.getString("revoked_at")).isEqualTo(clock.instant().toString());
        assertThat(node.management(HttpMethod.GET, "/metrics").bodyAsString())
                .contains("customer_tokens_sessions_revoked_total{reason=\"idle_timeout\"} 1.0")
                .contains("customer_tokens_refresh_total{error=\"session_idle_expired\",outcome=\"refused\"} 1.0");
    }

    @Test
    void without_an_idle_timeout_a_session_idle_for_a_year_refreshes_as_before() {
        TestService node = nodes.node();
        String token = node.login().token();
        clock.advance(Duration.ofDays(365));

        assertThat(tokenOf(node.refresh(token))).isNotEqualTo(token);
    }

    @Test
    void each_previous_token_gets_its_successor_at_most_n_times_and_a_retry_is_not_counted() {
        TestService node = nodes.node("--grace-replays", "2");
        String first = node.login().token();
        String second = tokenOf(node.refresh(first, "rotation-1"));

        assertThat(tokenOf(node.refresh(first))).isEqualTo(second);
        assertThat(tokenOf(node.refresh(first, "rotation-1"))).as("a retry of the rotation").isEqualTo(second);
        assertThat(tokenOf(node.refresh(first))).isEqualTo(second);
        String third = tokenOf(node.refresh(second));
        assertThat(tokenOf(node.refresh(second))).as("the next previous token has its own two").isEqualTo(third);
        assertThat(tokenOf(node.refresh(second))).isEqualTo(third);

        assertThat(errorOf(node.refresh(second))).isEqualTo("token_reused");
        assertThat(errorOf(node.refresh(third))).isEqualTo("session_revoked");
        assertThat(onlySession(node).getString("revoked_reason")).isEqualTo("reuse_detected");
    }

    @Test
    void without_a_bound_grace_replays_are_unbounded_as_before() {
        TestService node = nodes.node();
        String first = node.login().token();
        String second = tokenOf(node.refresh(first));
        for (int i = 0; i < 10; i++) {
            assertThat(tokenOf(node.refresh(first))).isEqualTo(second);
        }
    }
}
