package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT 1.5 on the real service: a shaped body, and a bad query that costs no rotation. */
class QueryBuildingEndToEndTest {

    private static final String PATH = "/api/customers/refresh";

    private final TestService service = new TestService();

    @AfterEach
    void close() {
        service.close();
    }

    private HttpResponse<Buffer> refresh(String token, String query, String queryBuilding) {
        MultiMap headers = TestService.validHeaders(token).set("X-QB-Enabled", queryBuilding);
        return service.send(HttpMethod.GET, PATH + query, headers);
    }

    private Session session(String token) {
        return service.tokens().database().sessions()
                .find(SessionId.of(TokenForge.payloadOf(token).getLong("session_id"))).orElseThrow();
    }

    @Test
    void a_bad_query_consumes_nothing_and_the_next_good_request_performs_the_first_rotation() {
        TokenGrant login = service.login();

        HttpResponse<Buffer> bad = refresh(login.token(), "?fields[customer_account]=id,password&fields[tokens]=ttl", "true");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(bad.bodyAsString());
        assertThat(error.getString("error")).isEqualTo("invalid_query");
        assertThat(error.getJsonObject("errors").fieldNames())
                .containsExactlyInAnyOrder("fields[customer_account]", "fields[tokens]");
        assertThat(session(login.token()).rotations()).as("no rotation after the bad query").isZero();

        HttpResponse<Buffer> good = refresh(login.token(), "?fields[token]=ttl&fields[customer_account]=email,id", "true");
        assertThat(good.statusCode()).as(good.bodyAsString()).isEqualTo(200);
        JsonObject data = new JsonObject(good.bodyAsString()).getJsonObject("data");
        assertThat(List.copyOf(data.getJsonObject("customer_account").fieldNames())).containsExactly("id", "email");
        assertThat(List.copyOf(data.getJsonObject("token").fieldNames())).containsExactly("value", "ttl");

        String successor = data.getJsonObject("token").getString("value");
        Session session = session(login.token());
        assertThat(session.rotations()).as("this request performed the token's first rotation").isEqualTo(1);
        assertThat(session.previousJti()).isEqualTo(TokenForge.payloadOf(login.token()).getString("jti"));
        assertThat(session.currentJti()).isEqualTo(TokenForge.payloadOf(successor).getString("jti"));
    }

    @Test
    void query_building_off_ignores_the_same_parameters_and_returns_the_full_body() {
        TokenGrant login = service.login();
        HttpResponse<Buffer> response = refresh(login.token(), "?fields[customer_account]=id&fields[token]=ttl&fields[x]=y", "false");
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonObject data = new JsonObject(response.bodyAsString()).getJsonObject("data");
        assertThat(data.getJsonObject("customer_account").fieldNames()).hasSize(15);
        assertThat(List.copyOf(data.getJsonObject("token").fieldNames())).containsExactly("value", "ttl", "refresh_ttl");
    }

    @Test
    void a_header_problem_and_a_query_problem_in_one_request_are_one_400_naming_both() {
        TokenGrant login = service.login();
        MultiMap headers = TestService.validHeaders(login.token()).set("X-QB-Enabled", "true").set("Content-Type", "text/plain");
        HttpResponse<Buffer> response = service.send(HttpMethod.GET, PATH + "?fields[token]=nope", headers);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = new JsonObject(response.bodyAsString());
        assertThat(body.getString("error")).isEqualTo("invalid_headers");
        assertThat(body.getJsonObject("errors").fieldNames()).containsExactlyInAnyOrder("Content-Type", "fields[token]");
        assertThat(session(login.token()).rotations()).isZero();
    }
}
