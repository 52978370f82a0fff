package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT 2.3 over HTTP: races, grace, retries and reuse, on a real server and database. */
class ConcurrentRefreshTest {

    private final TestService service = new TestService();

    @AfterEach
    void close() {
        service.close();
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    private static String errorOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getString("error");
    }

    private Session session(String token) {
        long id = TokenForge.payloadOf(token).getLong("session_id");
        return service.tokens().database().sessions().find(SessionId.of(id)).orElseThrow();
    }

    @Test
    void sixty_four_simultaneous_refreshes_of_one_token_get_one_identical_successor() throws Exception {
        TokenGrant login = service.login();
        List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            inFlight.add(service.client.request(HttpMethod.GET, "/api/customers/refresh")
                    .putHeaders(TestService.validHeaders(login.token()))
                    .send());
        }
        Future.all(inFlight).await(60, TimeUnit.SECONDS);
        List<HttpResponse<Buffer>> responses = inFlight.stream().map(Future::result).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
        Set<String> successors = responses.stream().map(ConcurrentRefreshTest::tokenOf).collect(Collectors.toSet());
        assertThat(successors).hasSize(1);
        String successor = successors.iterator().next();
        Session stored = session(login.token());
        assertThat(stored.rotations()).isEqualTo(1);
        assertThat(stored.currentJti()).isEqualTo(TokenForge.payloadOf(successor).getString("jti"));
        assertThat(stored.previousJti()).isEqualTo(TokenForge.payloadOf(login.token()).getString("jti"));

        service.clock.advance(Duration.ofSeconds(31));
        HttpResponse<Buffer> reused = service.refresh(login.token());
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(errorOf(reused)).isEqualTo("token_reused");
        HttpResponse<Buffer> afterReuse = service.refresh(successor);
        assertThat(afterReuse.statusCode()).isEqualTo(401);
        assertThat(errorOf(afterReuse)).isEqualTo("session_revoked");
    }

    @Test
    void within_grace_the_previous_token_gets_the_same_successor_byte_for_byte() {
        TokenGrant login = service.login();
        String first = tokenOf(service.refresh(login.token()));
        service.clock.advance(Duration.ofSeconds(30));
        String second = tokenOf(service.refresh(login.token()));
        assertThat(second).isEqualTo(first);
        assertThat(session(login.token()).rotations()).isEqualTo(1);
    }

    @Test
    void a_retry_with_the_same_request_id_after_the_grace_period_gets_the_same_token() {
        TokenGrant login = service.login();
        String requestId = UUID.randomUUID().toString();
        String successor = tokenOf(service.refresh(login.token(), requestId));
        service.clock.advance(Duration.ofDays(2));
        HttpResponse<Buffer> retry = service.refresh(login.token(), requestId);
        assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(200);
        assertThat(tokenOf(retry)).isEqualTo(successor);
        assertThat(retry.getHeader("X-Request-ID")).isEqualTo(requestId);
    }

    @Test
    void once_the_session_rotated_again_the_retry_is_reuse() {
        TokenGrant login = service.login();
        String requestId = UUID.randomUUID().toString();
        String second = tokenOf(service.refresh(login.token(), requestId));
        service.clock.advance(Duration.ofMinutes(5));
        String third = tokenOf(service.refresh(second));
        service.clock.advance(Duration.ofMinutes(5));
        HttpResponse<Buffer> lateRetry = service.refresh(login.token(), requestId);
        assertThat(errorOf(lateRetry)).isEqualTo("token_reused");
        assertThat(errorOf(service.refresh(third))).isEqualTo("session_revoked");
    }

    @Test
    void a_chain_of_rotations_keeps_working_and_each_token_is_new() {
        TokenGrant login = service.login();
        String token = login.token();
        List<String> seen = new ArrayList<>(List.of(token));
        for (int i = 0; i < 20; i++) {
            service.clock.advance(Duration.ofMinutes(10));
            HttpResponse<Buffer> response = service.refresh(token);
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            token = tokenOf(response);
            assertThat(seen).doesNotContain(token);
            seen.add(token);
        }
        assertThat(session(token).rotations()).isEqualTo(20);
    }
}
