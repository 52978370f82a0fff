package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.Refusal;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.customertokens.adapters.http.EndpointHarness.body;
import static dev.customertokens.adapters.http.EndpointHarness.validHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CONTRACT 1.1, 1.2 and 1.4 as the HTTP adapter decides them, one rule per test, on a real server as
 * {@code serve} runs it; {@link RefreshEndpointWireMountedTest} runs them mounted on a host's router.
 */
class RefreshEndpointWireTest extends OnEndpointHarness {

    private static JsonObject assertError(HttpResponse<Buffer> response, int status, String error) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("X-Request-ID")).isNotBlank();
        JsonObject body = body(response);
        assertThat(body.getString("status")).isEqualTo("ERROR");
        assertThat(body.getInteger("code")).isEqualTo(status);
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).isNotBlank();
        assertThat(body.containsKey("errors")).as("only a 400 names what is wrong").isEqualTo(status == 400);
        return body;
    }

    /** A 400 naming exactly the given headers, and the use case never reached. */
    private JsonObject assertInvalidHeaders(MultiMap headers, String... faulty) {
        JsonObject body = assertError(http.get(headers), 400, "invalid_headers");
        assertThat(body.getJsonObject("errors").fieldNames()).containsExactlyInAnyOrder(faulty);
        for (String header : faulty) {
            assertThat(body.getJsonObject("errors").getJsonArray(header)).isNotEmpty();
        }
        assertThat(http.commands).isEmpty();
        return body;
    }

    @Test
    void a_valid_request_reaches_the_use_case_with_what_the_headers_said() {
        MultiMap headers = validHeaders().set("X-Request-ID", "req-1").set("Device-UUID", "iPhone 15 / A1B2");
        HttpResponse<Buffer> response = http.get(headers);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("X-Request-ID")).isEqualTo("req-1");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        RefreshTokenCommand command = http.commands.get(0);
        assertThat(command.bearerToken()).isEqualTo(EndpointHarness.TOKEN);
        assertThat(command.applicationKey().value()).isEqualTo(headers.get("Application"));
        assertThat(command.requestId().value()).isEqualTo("req-1");
        assertThat(command.deviceUuid().value()).isEqualTo("iPhone 15 / A1B2");
    }

    @Test
    void the_use_case_never_runs_on_an_event_loop() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.get(validHeaders()).statusCode()).isEqualTo(200);
        }
        assertThat(http.useCaseThreads).hasSize(5).allSatisfy(thread -> {
            assertThat(thread.getName()).startsWith(RefreshHttpVerticle.STORAGE_WORKERS);
            assertThat(thread.getName()).doesNotContain("eventloop");
        });
        http.behaviour = command -> {
            assertThat(Context.isOnEventLoopThread()).isFalse();
            return EndpointHarness.grant("x");
        };
        assertThat(http.get(validHeaders()).statusCode()).isEqualTo(200);
    }

    @Test
    void the_device_uuid_is_optional() {
        assertThat(http.get(validHeaders()).statusCode()).isEqualTo(200);
        assertThat(http.commands.get(0).deviceUuid()).isNull();
    }

    // ---- Accept

    @Test
    void accept_missing_is_400() {
        assertInvalidHeaders(validHeaders().remove("Accept"), "Accept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "json", "application", "/json", "application/json;q=2", "application/json;q=abc",
            "application/json;q", "*/json"})
    void accept_malformed_is_400(String accept) {
        assertInvalidHeaders(validHeaders().set("Accept", accept), "Accept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/*", "*/*", "text/html, */*;q=0.1",
            "application/json; charset=utf-8", "text/html;q=1, application/json;q=0.001", "*/*;q=0.5, text/plain"})
    void accept_admitting_json_is_served(String accept) {
        HttpResponse<Buffer> response = http.get(validHeaders().set("Accept", accept));
        assertThat(response.statusCode()).as(accept + ": " + response.bodyAsString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "application/json;q=0", "application/json;q=0.000, text/html",
            "*/*, application/json;q=0", "application/*;q=0, */*"})
    void accept_excluding_json_is_406(String accept) {
        assertError(http.get(validHeaders().set("Accept", accept)), 406, "not_acceptable");
        assertThat(http.commands).isEmpty();
    }

    @Test
    void a_400_wins_over_a_406() {
        assertInvalidHeaders(validHeaders().set("Accept", "text/html").remove("Content-Type"), "Content-Type");
    }

    // ---- Authorization

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer     ", "Basic dXNlcjpwYXNz", "Token abc", "Bearerabc"})
    void authorization_without_a_bearer_token_is_401_token_absent(String authorization) {
        HttpResponse<Buffer> response = http.get(validHeaders().set("Authorization", authorization));
        assertError(response, 401, "token_absent");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(http.commands).isEmpty();
    }

    @Test
    void authorization_missing_is_401_token_absent() {
        HttpResponse<Buffer> response = http.get(validHeaders().remove("Authorization"));
        assertError(response, 401, "token_absent");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer ", "BEARER ", "Bearer  ", "bEaReR\t"})
    void the_bearer_scheme_is_case_insensitive(String scheme) {
        assertThat(http.get(validHeaders().set("Authorization", scheme + "abc.def.ghi")).statusCode()).isEqualTo(200);
        assertThat(http.commands.get(0).bearerToken()).isEqualTo("abc.def.ghi");
    }

    @Test
    void a_header_problem_wins_over_a_missing_token() {
        assertInvalidHeaders(validHeaders().remove("Authorization").set("X-QB-Enabled", "yes"), "X-QB-Enabled");
    }

    // ---- Content-Type

    @Test
    void content_type_missing_is_400() {
        assertInvalidHeaders(validHeaders().remove("Content-Type"), "Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "application/xml", "application/jsonx", "application/json-patch+json"})
    void content_type_other_than_json_is_400(String contentType) {
        assertInvalidHeaders(validHeaders().set("Content-Type", contentType), "Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8"})
    void content_type_json_with_parameters_is_accepted(String contentType) {
        assertThat(http.get(validHeaders().set("Content-Type", contentType)).statusCode()).isEqualTo(200);
    }

    // ---- API-VERSION

    @Test
    void api_version_missing_is_400() {
        assertInvalidHeaders(validHeaders().remove("API-VERSION"), "API-VERSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5.0", "5.0.0.0", "v5.0.0", "05.0.0", "5.0.x", "5..0", "99999999999.0.0"})
    void api_version_malformed_is_400(String version) {
        assertInvalidHeaders(validHeaders().set("API-VERSION", version), "API-VERSION");
    }

    @Test
    void api_version_with_an_unsupported_major_is_400_naming_the_supported_majors() {
        JsonObject body = assertInvalidHeaders(validHeaders().set("API-VERSION", "3.9.0"), "API-VERSION");
        assertThat(body.getJsonObject("errors").getJsonArray("API-VERSION").getString(0)).contains("4, 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.38.0", "5.0.0", "4.0.12", "5.123.4"})
    void api_versions_of_the_supported_majors_are_accepted(String version) {
        assertThat(http.get(validHeaders().set("API-VERSION", version)).statusCode()).isEqualTo(200);
    }

    // ---- Application

    @Test
    void application_missing_is_400() {
        assertInvalidHeaders(validHeaders().remove("Application"), "Application");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef", "0123456789abcdef0123456789abcdeg",
            "0123456789abcdef0123456789abcdef0"})
    void application_malformed_is_400(String key) {
        assertInvalidHeaders(validHeaders().set("Application", key), "Application");
    }

    // ---- X-QB-Enabled

    @Test
    void query_building_header_missing_is_400() {
        assertInvalidHeaders(validHeaders().remove("X-QB-Enabled"), "X-QB-Enabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "1", "0", "on", "truee"})
    void query_building_header_other_than_true_or_false_is_400(String value) {
        assertInvalidHeaders(validHeaders().set("X-QB-Enabled", value), "X-QB-Enabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "False", "false"})
    void query_building_header_is_case_insensitive(String value) {
        assertThat(http.get(validHeaders().set("X-QB-Enabled", value)).statusCode()).isEqualTo(200);
    }

    // ---- X-Request-ID

    @Test
    void request_id_missing_is_400_and_the_response_carries_a_generated_one() {
        HttpResponse<Buffer> response = http.get(validHeaders().remove("X-Request-ID"));
        assertError(response, 400, "invalid_headers");
        assertThat(response.getHeader("X-Request-ID")).matches("[0-9a-f-]{36}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "slash/slash", "émoji"})
    void request_id_invalid_is_400_and_not_echoed(String requestId) {
        HttpResponse<Buffer> response = http.get(validHeaders().set("X-Request-ID", requestId));
        assertError(response, 400, "invalid_headers");
        assertThat(body(response).getJsonObject("errors").fieldNames()).containsExactly("X-Request-ID");
        assertThat(response.getHeader("X-Request-ID")).isNotEqualTo(requestId).matches("[0-9a-f-]{36}");
    }

    @Test
    void request_id_of_128_characters_is_accepted_and_129_is_not() {
        String longest = "a".repeat(128);
        HttpResponse<Buffer> accepted = http.get(validHeaders().set("X-Request-ID", longest));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.getHeader("X-Request-ID")).isEqualTo(longest);
        http.commands.clear();
        assertInvalidHeaders(validHeaders().set("X-Request-ID", "a".repeat(129)), "X-Request-ID");
    }

    // ---- Device-UUID

    @Test
    void device_uuid_too_long_is_400() {
        assertThat(http.get(validHeaders().set("Device-UUID", "d".repeat(128))).statusCode()).isEqualTo(200);
        http.commands.clear();
        assertInvalidHeaders(validHeaders().set("Device-UUID", "d".repeat(129)), "Device-UUID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\there", "ünïcode"})
    void device_uuid_empty_or_unprintable_is_400(String device) {
        assertInvalidHeaders(validHeaders().set("Device-UUID", device), "Device-UUID");
    }

    // ---- all at once, repeated headers, names

    @Test
    void every_header_problem_is_reported_at_once() {
        MultiMap headers = validHeaders().remove("Accept").set("Content-Type", "text/plain").set("API-VERSION", "1.0.0")
                .set("Application", "nope").set("X-QB-Enabled", "maybe").set("X-Request-ID", "bad id")
                .set("Device-UUID", "x".repeat(200));
        assertInvalidHeaders(headers, "Accept", "Content-Type", "API-VERSION", "Application", "X-QB-Enabled",
                "X-Request-ID", "Device-UUID");
    }

    @Test
    void header_names_are_case_insensitive() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        validHeaders().forEach(entry -> headers.add(entry.getKey().toLowerCase(), entry.getValue()));
        assertThat(http.get(headers).statusCode()).isEqualTo(200);
    }

    @Test
    void a_repeated_application_header_is_400() {
        MultiMap headers = validHeaders().add("Application", "fedcba9876543210fedcba9876543210");
        assertInvalidHeaders(headers, "Application");
    }

    // ---- path and method come first

    @Test
    void an_unknown_path_is_404_even_without_headers() {
        assumeTrue(http.form.answersEveryPath(), "on a host's router the host answers its own paths");
        HttpResponse<Buffer> response = http.send(HttpMethod.GET, "/api/customers/refreshed", MultiMap.caseInsensitiveMultiMap());
        assertError(response, 404, "route_not_found");
        assertThat(http.send(HttpMethod.GET, "/", MultiMap.caseInsensitiveMultiMap()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpMethod.POST, "/api/customers/login", validHeaders()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
    void another_method_is_405_with_allow_get(String methodName) {
        HttpMethod method = HttpMethod.valueOf(methodName);
        HttpResponse<Buffer> response = http.send(method, EndpointHarness.PATH, MultiMap.caseInsensitiveMultiMap());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        if (method != HttpMethod.HEAD) {
            assertError(response, 405, "method_not_allowed");
        }
        assertThat(http.commands).isEmpty();
    }

    @Test
    void a_path_that_cannot_be_decoded_is_404() {
        assumeTrue(http.form.answersEveryPath(), "on a host's router the host answers its own paths");
        HttpResponse<Buffer> response = http.send(HttpMethod.GET, "/api/customers/%zz", validHeaders());
        assertError(response, 404, "route_not_found");
    }

    @Test
    void headers_over_16_kib_in_all_are_431_in_the_envelope() {
        MultiMap headers = validHeaders();
        for (int i = 0; i < 5; i++) {
            headers.add("X-Padding-" + i, "p".repeat(4 * 1024));
        }
        HttpResponse<Buffer> response = http.get(headers);
        assertError(response, 431, "headers_too_large");
        assertThat(http.commands).isEmpty();
    }

    @Test
    void a_large_token_within_the_header_limit_reaches_the_codec() {
        String nineKib = "a".repeat(9 * 1024);
        assertThat(http.get(validHeaders().set("Authorization", "Bearer " + nineKib)).statusCode()).isEqualTo(200);
        assertThat(http.commands.get(0).bearerToken()).isEqualTo(nineKib);
    }

    // ---- what the use case decides

    @ParameterizedTest
    @CsvSource({
            "APPLICATION_UNKNOWN, 403, application_unknown",
            "TOKEN_INVALID, 401, token_invalid",
            "TOKEN_NOT_YET_VALID, 401, token_not_yet_valid",
            "TOKEN_REFRESH_EXPIRED, 401, token_refresh_expired",
            "APPLICATION_MISMATCH, 403, application_mismatch",
            "SESSION_INVALID, 401, session_invalid",
            "SESSION_REVOKED, 401, session_revoked",
            "TOKEN_REUSED, 401, token_reused",
            "CUSTOMER_NOT_FOUND, 404, customer_not_found",
            "CUSTOMER_INACTIVE, 403, customer_inactive"})
    void each_refusal_has_its_status_and_code(Refusal refusal, int status, String error) {
        http.behaviour = command -> {
            throw new TokenRefusedException(refusal);
        };
        HttpResponse<Buffer> response = http.get(validHeaders().set("X-Request-ID", "r-" + refusal));
        assertError(response, status, error);
        assertThat(response.getHeader("X-Request-ID")).isEqualTo("r-" + refusal);
        if (status == 401) {
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void the_seed_message_for_an_expired_refresh_window() {
        http.behaviour = command -> {
            throw new TokenRefusedException(Refusal.TOKEN_REFRESH_EXPIRED);
        };
        assertThat(body(http.get(validHeaders())).getString("message"))
                .isEqualTo("Token has expired and can no longer be refreshed");
    }

    @Test
    void storage_unavailable_is_503_with_retry_after() {
        http.behaviour = command -> {
            throw new StorageUnavailableException("connection refused to db.internal:5432", new java.io.IOException());
        };
        HttpResponse<Buffer> response = http.get(validHeaders());
        assertError(response, 503, "unavailable");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.bodyAsString()).doesNotContain("db.internal");
    }

    @Test
    void anything_unexpected_is_500_without_detail() {
        http.behaviour = command -> {
            throw new IllegalStateException("secret internal detail");
        };
        HttpResponse<Buffer> response = http.get(validHeaders());
        assertError(response, 500, "internal_error");
        assertThat(response.bodyAsString()).doesNotContain("secret").doesNotContain("IllegalState").doesNotContain("\tat ");
        // and the server still serves
        http.behaviour = command -> EndpointHarness.grant("after");
        assertThat(http.get(validHeaders()).statusCode()).isEqualTo(200);
    }

    @Test
    void every_response_carries_the_common_headers() {
        for (HttpResponse<Buffer> response : List.of(http.get(validHeaders()),
                http.send(HttpMethod.PUT, EndpointHarness.PATH, validHeaders().set("X-Request-ID", "put-1")))) {
            assertCommonHeaders(response);
        }
        assertThat(http.send(HttpMethod.PUT, EndpointHarness.PATH, validHeaders().set("X-Request-ID", "put-2"))
                .getHeader("X-Request-ID")).isEqualTo("put-2");
    }

    @Test
    void the_404_of_an_unknown_path_carries_the_common_headers() {
        assumeTrue(http.form.answersEveryPath(), "on a host's router the host answers its own paths");
        assertCommonHeaders(http.send(HttpMethod.GET, "/x", MultiMap.caseInsensitiveMultiMap()));
    }

    private static void assertCommonHeaders(HttpResponse<Buffer> response) {
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("X-Request-ID")).isNotBlank();
    }
}
