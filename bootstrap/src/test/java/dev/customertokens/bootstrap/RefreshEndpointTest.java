package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.SessionId;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh endpoint end to end on real components: every row of the error table of CONTRACT 1.4
 * that a real database and codec decide, the 200 body against the seed, and the new token's claims.
 */
class RefreshEndpointTest {

    /** The seed's example response (CONTRACT 1.3), less the token value. */
    private static final JsonObject SEED = new JsonObject("""
            {"status":"OK","code":200,"data":{"customer_account":{"id":"0da5a3f0-a354-4c04-8438-f1389c19a3f7",
            "type_id":1,"first_name":"Ivan","last_name":"Djordjevic","email":"ivan.djordjevic@partech.com",
            "confirmed":true,"phone_number":"+381111111111","locale":"en","state":1,"demographics":[],
            "optin_status_email":3,"optin_status_pn":3,"has_pending_email_change":true,
            "has_pending_phone_number_change":true,"is_social":true},
            "token":{"value":"<JWT>","ttl":1440,"refresh_ttl":2628000}}}
            """);

    final TestService service = serviceUnderTest();

    /** The service the endpoint's tests run against: {@code serve}'s; a subclass mounts it on a host's router. */
    TestService serviceUnderTest() {
        return new TestService();
    }

    @AfterEach
    void close() {
        service.close();
    }

    private static JsonObject body(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString());
    }

    private static void assertError(HttpResponse<Buffer> response, int status, String error) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        JsonObject body = body(response);
        assertThat(body.getString("status")).isEqualTo("ERROR");
        assertThat(body.getInteger("code")).isEqualTo(status);
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).isNotBlank();
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        return body(response).getJsonObject("data").getJsonObject("token").getString("value");
    }

    @Test
    void the_200_body_matches_the_seed_field_by_field_with_types_and_order() {
        TokenGrant login = service.login();
        service.clock.advance(Duration.ofMinutes(5));
        HttpResponse<Buffer> response = service.refresh(login.token(), "c10b4a70-6274-490d-80a0-03e7bb826937");

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("X-Request-ID")).isEqualTo("c10b4a70-6274-490d-80a0-03e7bb826937");
        JsonObject body = body(response);
        assertSameShape(SEED, body, "");
        JsonObject expected = SEED.copy();
        expected.getJsonObject("data").getJsonObject("token").put("value", tokenOf(response));
        assertThat(body).isEqualTo(expected);
    }

    /** Same field names in the same order, and at every leaf the same JSON type. */
    private static void assertSameShape(Object expected, Object actual, String path) {
        if (expected instanceof JsonObject e) {
            assertThat(actual).as(path).isInstanceOf(JsonObject.class);
            JsonObject a = (JsonObject) actual;
            assertThat(List.copyOf(a.fieldNames())).as("fields of " + path).containsExactlyElementsOf(e.fieldNames());
            for (String name : e.fieldNames()) {
                assertSameShape(e.getValue(name), a.getValue(name), path + "." + name);
            }
        } else if (expected instanceof Number) {
            assertThat(actual).as(path).isInstanceOfAny(Integer.class, Long.class);
        } else if (expected != null) {
            assertThat(actual).as(path).isInstanceOf(expected.getClass());
        }
    }

    @Test
    void the_new_token_keeps_the_family_and_login_time_and_gets_a_new_id_and_lifetime() {
        TokenGrant login = service.login();
        JsonObject old = TokenForge.payloadOf(login.token());
        service.clock.advance(Duration.ofDays(3).plusMillis(400));
        String token = tokenOf(service.refresh(login.token()));

        JsonObject header = TokenForge.headerOf(token);
        assertThat(header.getString("alg")).isEqualTo("HS256");
        assertThat(header.getString("typ")).isEqualTo("JWT");
        JsonObject claims = TokenForge.payloadOf(token);
        assertThat(claims.fieldNames()).containsExactlyInAnyOrder("iss", "iat", "nbf", "exp", "jti", "sub", "prv",
                "application_id", "session_id");
        long now = TestService.START.plus(Duration.ofDays(3)).getEpochSecond();
        assertThat(claims.getString("iss")).isEqualTo(TestService.PUBLIC_URL + "/api/customers/refresh");
        assertThat(old.getString("iss")).isEqualTo(TestService.PUBLIC_URL + "/api/customers/login");
        assertThat(claims.getLong("iat")).isEqualTo(old.getLong("iat")).isEqualTo(TestService.START.getEpochSecond());
        assertThat(claims.getLong("nbf")).isEqualTo(now);
        assertThat(claims.getLong("exp")).isEqualTo(now + 1440 * 60);
        assertThat(claims.getString("jti")).isNotEqualTo(old.getString("jti")).hasSizeGreaterThanOrEqualTo(16);
        assertThat(claims.getString("sub")).isEqualTo(old.getString("sub")).isEqualTo(DemoData.IVAN_ID.value());
        assertThat(claims.getString("prv")).isEqualTo(old.getString("prv")).isEqualTo(DemoData.SEED_SUBJECT_HASH);
        assertThat(claims.getLong("application_id")).isEqualTo(old.getLong("application_id")).isEqualTo(15L);
        assertThat(claims.getLong("session_id")).isEqualTo(old.getLong("session_id"));
    }

    @Test
    void the_customer_account_is_read_fresh_at_each_refresh() {
        TokenGrant login = service.login();
        CustomerAccount changed = new CustomerAccount(DemoData.IVAN_ID, 1, "Ivan", "Djordjevic", "ivan@new.example",
                true, "+381111111111", "en", 1, "[{\"key\":\"diet\",\"value\":\"vegan\"}]", 3, 3, false, true, true);
        service.tokens().administration().importAccounts(List.of(changed));
        JsonObject account = body(service.refresh(login.token())).getJsonObject("data").getJsonObject("customer_account");
        assertThat(account.getString("email")).isEqualTo("ivan@new.example");
        assertThat(account.getBoolean("has_pending_email_change")).isFalse();
        assertThat(account.getJsonArray("demographics").encode()).isEqualTo("[{\"key\":\"diet\",\"value\":\"vegan\"}]");
    }

    @Test
    void an_expired_token_is_refreshed_until_the_end_of_the_refresh_window() {
        TokenGrant login = service.login();
        service.clock.advance(Duration.ofDays(400));
        assertThat(service.refresh(login.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void row_token_refresh_expired() {
        TokenGrant login = service.login();
        service.clock.advance(Duration.ofMinutes(2_628_000));
        HttpResponse<Buffer> response = service.refresh(login.token());
        assertError(response, 401, "token_refresh_expired");
        assertThat(body(response).getString("message")).isEqualTo("Token has expired and can no longer be refreshed");
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void row_token_not_yet_valid() {
        TokenGrant login = service.login();
        JsonObject future = TokenForge.payloadOf(login.token()).put("nbf", TestService.START.getEpochSecond() + 61);
        assertError(service.refresh(TokenForge.valid(TestService.SECRET, future)), 401, "token_not_yet_valid");
        JsonObject withinLeeway = TokenForge.payloadOf(login.token()).put("nbf", TestService.START.getEpochSecond() + 60);
        assertThat(service.refresh(TokenForge.valid(TestService.SECRET, withinLeeway)).statusCode()).as("60 s ahead is within the leeway")
                .isEqualTo(200);
    }

    @Test
    void row_token_invalid() {
        assertError(service.refresh("not-a-token"), 401, "token_invalid");
    }

    @Test
    void row_token_absent() {
        HttpResponse<Buffer> response = service.send(HttpMethod.GET, "/api/customers/refresh",
                TestService.validHeaders("x").remove("Authorization"));
        assertError(response, 401, "token_absent");
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void row_session_invalid_for_an_unknown_session() {
        TokenGrant login = service.login();
        JsonObject unknown = TokenForge.payloadOf(login.token()).put("session_id", 987_654);
        assertError(service.refresh(TokenForge.valid(TestService.SECRET, unknown)), 401, "session_invalid");
    }

    @Test
    void row_session_invalid_for_a_session_of_another_customer() {
        TokenGrant ivan = service.login();
        TokenGrant ana = service.login(DemoData.customer("ana-1", 1));
        JsonObject stolenSession = TokenForge.payloadOf(ana.token()).put("session_id", TokenForge.payloadOf(ivan.token()).getLong("session_id"));
        assertError(service.refresh(TokenForge.valid(TestService.SECRET, stolenSession)), 401, "session_invalid");
    }

    @Test
    void row_session_revoked() {
        TokenGrant login = service.login();
        long sessionId = TokenForge.payloadOf(login.token()).getLong("session_id");
        assertThat(service.tokens().revokeSessions().revokeSession(SessionId.of(sessionId))).isTrue();
        assertError(service.refresh(login.token()), 401, "session_revoked");
    }

    @Test
    void row_token_reused_revokes_the_session() {
        TokenGrant login = service.login();
        String next = tokenOf(service.refresh(login.token()));
        service.clock.advance(Duration.ofSeconds(31));
        assertError(service.refresh(login.token()), 401, "token_reused");
        assertError(service.refresh(next), 401, "session_revoked");
        assertError(service.refresh(login.token()), 401, "session_revoked");
    }

    @Test
    void row_application_unknown_for_an_unknown_key() {
        TokenGrant login = service.login();
        MultiMap headers = TestService.validHeaders(login.token()).set("Application", "ffffffffffffffffffffffffffffffff");
        assertError(service.send(HttpMethod.GET, "/api/customers/refresh", headers), 403, "application_unknown");
    }

    @Test
    void row_application_unknown_for_a_disabled_application() {
        TokenGrant login = service.login();
        service.tokens().administration().register(new dev.customertokens.domain.Application(
                DemoData.demoApplication().id(), DemoData.DEMO_KEY, "Demo application", false));
        assertError(service.refresh(login.token()), 403, "application_unknown");
    }

    @Test
    void row_application_mismatch() {
        TokenGrant login = service.login();
        MultiMap headers = TestService.validHeaders(login.token()).set("Application", DemoData.OTHER_KEY.value());
        assertError(service.send(HttpMethod.GET, "/api/customers/refresh", headers), 403, "application_mismatch");
    }

    @Test
    void row_customer_inactive() {
        TokenGrant login = service.login();
        service.tokens().administration().importAccounts(List.of(DemoData.customer(DemoData.IVAN_ID.value(), 2)));
        assertError(service.refresh(login.token()), 403, "customer_inactive");
    }

    @Test
    void row_customer_not_found() {
        TokenGrant login = service.login();
        service.tokens().administration().delete(DemoData.IVAN_ID);
        assertError(service.refresh(login.token()), 404, "customer_not_found");
    }

    @Test
    void row_route_not_found() {
        assertError(service.send(HttpMethod.GET, "/api/customers/refreshed", TestService.validHeaders("x")), 404, "route_not_found");
    }

    @Test
    void row_method_not_allowed() {
        HttpResponse<Buffer> response = service.send(HttpMethod.POST, "/api/customers/refresh", TestService.validHeaders("x"));
        assertError(response, 405, "method_not_allowed");
        assertThat(response.getHeader("Allow")).isEqualTo("GET");
    }

    @Test
    void row_not_acceptable() {
        MultiMap headers = TestService.validHeaders("x").set("Accept", "text/html");
        assertError(service.send(HttpMethod.GET, "/api/customers/refresh", headers), 406, "not_acceptable");
    }

    @Test
    void row_invalid_headers() {
        MultiMap headers = TestService.validHeaders("x").remove("API-VERSION").set("X-QB-Enabled", "maybe");
        HttpResponse<Buffer> response = service.send(HttpMethod.GET, "/api/customers/refresh", headers);
        assertError(response, 400, "invalid_headers");
        assertThat(body(response).getJsonObject("errors").fieldNames()).containsExactlyInAnyOrder("API-VERSION", "X-QB-Enabled");
    }

    @Test
    void row_invalid_query() {
        TokenGrant login = service.login();
        MultiMap headers = TestService.validHeaders(login.token()).set("X-QB-Enabled", "true");
        HttpResponse<Buffer> response = service.send(HttpMethod.GET, "/api/customers/refresh?fields[customer_account]=foo", headers);
        assertError(response, 400, "invalid_query");
        assertThat(body(response).getJsonObject("errors").getJsonArray("fields[customer_account]")).isNotEmpty();
        assertThat(service.refresh(login.token()).statusCode()).as("the bad query consumed no rotation").isEqualTo(200);
    }

    @Test
    void row_headers_too_large() {
        MultiMap headers = TestService.validHeaders("x").add("X-Padding", "p".repeat(17 * 1024));
        assertError(service.send(HttpMethod.GET, "/api/customers/refresh", headers), 431, "headers_too_large");
    }

    @Test
    void checks_run_in_the_contract_order() {
        TokenGrant login = service.login();
        // 400 before 401: a header problem wins over a missing token.
        MultiMap noTokenBadHeader = TestService.validHeaders("x").remove("Authorization").remove("Accept");
        assertError(service.send(HttpMethod.GET, "/api/customers/refresh", noTokenBadHeader), 400, "invalid_headers");
        // 403 unknown application before 401 invalid token.
        MultiMap unknownAppBadToken = TestService.validHeaders("garbage").set("Application", "ffffffffffffffffffffffffffffffff");
        assertError(service.send(HttpMethod.GET, "/api/customers/refresh", unknownAppBadToken), 403, "application_unknown");
        // 401 refresh expired before 403 mismatch.
        service.clock.advance(Duration.ofMinutes(2_628_000));
        MultiMap expiredOtherApp = TestService.validHeaders(login.token()).set("Application", DemoData.OTHER_KEY.value());
        assertError(service.send(HttpMethod.GET, "/api/customers/refresh", expiredOtherApp), 401, "token_refresh_expired");
    }

    @Test
    void a_deleted_customer_is_reported_after_the_session_rules() {
        TokenGrant login = service.login();
        service.refresh(login.token());
        service.clock.advance(Duration.ofMinutes(1));
        service.tokens().administration().delete(DemoData.IVAN_ID);
        assertError(service.refresh(login.token()), 401, "token_reused");
    }

    @Test
    void every_response_echoes_a_valid_request_id_or_makes_one() {
        HttpResponse<Buffer> echoed = service.send(HttpMethod.GET, "/nowhere",
                TestService.validHeaders("x").set("X-Request-ID", "abc.DEF_123-x"));
        assertThat(echoed.getHeader("X-Request-ID")).isEqualTo("abc.DEF_123-x");
        HttpResponse<Buffer> generated = service.send(HttpMethod.GET, "/api/customers/refresh",
                TestService.validHeaders("x").set("X-Request-ID", "not valid!"));
        assertThat(generated.getHeader("X-Request-ID")).isNotBlank().isNotEqualTo("not valid!");
        assertThat(Map.of("status", generated.statusCode())).containsEntry("status", 400);
    }
}
