package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.DpopClientKey;
import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.domain.SessionId;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml cannot drift from the code (CONTRACT 4.3): real requests of every status of CONTRACT
 * 1.4, and to every management endpoint, go to a running service, and each response is validated against
 * the document by vertx-openapi. The document served at /openapi.json is the repository's file.
 */
class OpenApiContractTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");

    private final Vertx vertx = Vertx.vertx();
    private final TestService service = new TestService();
    private final ResponseValidator validator;
    private final Set<String> validated = new TreeSet<>();

    OpenApiContractTest() throws Exception {
        Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(Files.readString(DOCUMENT));
        OpenAPIContract contract = OpenAPIContract.from(vertx, validatable(new JsonObject(document))).await(30, TimeUnit.SECONDS);
        validator = ResponseValidator.create(vertx, contract);
    }

    /**
     * The document as vertx-openapi reads it: it refuses a request body of a media type it cannot validate
     * (the NDJSON import's), so such a body is described to it as text; only responses are validated here.
     */
    private static JsonObject validatable(JsonObject document) {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject operations = paths.getJsonObject(path);
            for (String key : operations.fieldNames()) {
                JsonObject requestBody = operations.getValue(key) instanceof JsonObject operation
                        ? operation.getJsonObject("requestBody") : null;
                JsonObject content = requestBody == null ? null : requestBody.getJsonObject("content");
                for (String mediaType : content == null ? Set.<String>of() : Set.copyOf(content.fieldNames())) {
                    if (!MediaType.isMediaTypeSupported(mediaType)) {
                        content.put(MediaType.TEXT_PLAIN, content.remove(mediaType));
                    }
                }
            }
        }
        return document;
    }

    @AfterEach
    void close() throws Exception {
        service.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private void validate(HttpResponse<Buffer> response, String operationId, int status, String error) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        if (error != null) {
            assertThat(new JsonObject(response.bodyAsString()).getString("error")).isEqualTo(error);
        }
        Map<String, String> headers = new HashMap<>();
        response.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
        String contentType = response.getHeader("Content-Type");
        try {
            validator.validate(ValidatableResponse.create(response.statusCode(), headers, response.body(),
                    contentType == null ? null : contentType.split(";")[0].strip()), operationId).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(operationId + " " + status + " " + error + " does not match docs/openapi.yaml: "
                    + e.getMessage() + "\n" + response.bodyAsString(), e);
        }
        validated.add(status + " " + (error == null ? "" : error));
    }

    private HttpResponse<Buffer> get(MultiMap headers) {
        return service.send(HttpMethod.GET, "/api/customers/refresh", headers);
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    @Test
    void every_status_of_the_refresh_endpoint_matches_the_document() {
        TokenGrant login = service.login();
        HttpResponse<Buffer> rotated = service.refresh(login.token());
        validate(rotated, "refreshToken", 200, null);
        validate(service.send(HttpMethod.GET, "/api/customers/refresh?fields[customer_account]=id,email&fields[token]=ttl",
                TestService.validHeaders(tokenOf(rotated)).set("X-QB-Enabled", "true")), "refreshToken", 200, null);

        validate(get(TestService.validHeaders("x").remove("API-VERSION")), "refreshToken", 400, "invalid_headers");
        validate(service.send(HttpMethod.GET, "/api/customers/refresh?sort=id",
                TestService.validHeaders("x").set("X-QB-Enabled", "true")), "refreshToken", 400, "invalid_query");
        validate(get(TestService.validHeaders("x").remove("Authorization")), "refreshToken", 401, "token_absent");
        validate(service.refresh("not-a-token"), "refreshToken", 401, "token_invalid");
        JsonObject future = TokenForge.payloadOf(login.token()).put("nbf", TestService.START.getEpochSecond() + 3_600);
        validate(service.refresh(TokenForge.valid(TestService.SECRET, future)), "refreshToken", 401, "token_not_yet_valid");
        JsonObject unknownSession = TokenForge.payloadOf(login.token()).put("session_id", 987_654);
        validate(service.refresh(TokenForge.valid(TestService.SECRET, unknownSession)), "refreshToken", 401, "session_invalid");
        validate(get(TestService.validHeaders(login.token()).set("Application", "ffffffffffffffffffffffffffffffff")),
                "refreshToken", 403, "application_unknown");
        validate(get(TestService.validHeaders(login.token()).set("Application", DemoData.OTHER_KEY.value())),
                "refreshToken", 403, "application_mismatch");

        TokenGrant second = service.login(DemoData.customer("openapi-2", 1));
        service.clock.advance(Duration.ofSeconds(31));
        validate(service.refresh(login.token()), "refreshToken", 401, "token_reused");
        validate(service.refresh(tokenOf(rotated)), "refreshToken", 401, "session_revoked");

        service.tokens().administration().importAccounts(List.of(DemoData.customer("openapi-2", 2)));
        validate(service.refresh(second.token()), "refreshToken", 403, "customer_inactive");
        TokenGrant third = service.login(DemoData.customer("openapi-3", 1));
        service.tokens().administration().delete(DemoData.customer("openapi-3", 1).id());
        validate(service.refresh(third.token()), "refreshToken", 404, "customer_not_found");

        validate(service.send(HttpMethod.POST, "/api/customers/refresh", TestService.validHeaders("x")),
                "refreshToken", 405, "method_not_allowed");
        validate(get(TestService.validHeaders("x").set("Accept", "text/html")), "refreshToken", 406, "not_acceptable");
        validate(get(TestService.validHeaders("x").add("X-Padding", "p".repeat(17 * 1024))), "refreshToken", 431,
                "headers_too_large");

        TokenGrant fourth = service.login(DemoData.customer("openapi-4", 1));
        service.clock.advance(Duration.ofMinutes(2_628_000));
        validate(service.refresh(fourth.token()), "refreshToken", 401, "token_refresh_expired");

        // last: the database goes away under the running service (a token still in its refresh window, so that
        // the session must be read)
        TokenGrant fifth = service.login(DemoData.customer("openapi-5", 1));
        service.tokens().close();
        HttpResponse<Buffer> unavailable = service.refresh(fifth.token());
        validate(unavailable, "refreshToken", 503, "unavailable");

        assertThat(validated).contains("200 ", "400 invalid_headers", "400 invalid_query", "401 token_absent",
                "401 token_invalid", "401 token_not_yet_valid", "401 token_refresh_expired", "401 session_invalid",
                "401 session_revoked", "401 token_reused", "403 application_unknown", "403 application_mismatch",
                "403 customer_inactive", "404 customer_not_found", "405 method_not_allowed", "406 not_acceptable",
                "431 headers_too_large", "503 unavailable");
    }

    @Test
    void every_status_of_the_admin_api_matches_the_document() {
        String bearer = AdminApiTest.BEARER;
        String ivan = DemoData.IVAN_ID.value();
        String login = "{\"customer_id\":\"" + ivan + "\",\"application_key\":\"" + DemoData.DEMO_KEY.value() + "\"}";
        try (TestService admin = new TestService("--admin-token", AdminApiTest.ADMIN_TOKEN)) {
            validate(admin.admin(HttpMethod.PUT, "/admin/applications/40", bearer,
                    "{\"key\":\"aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb\",\"name\":\"Kiosk\",\"enabled\":true}"), "putApplication", 200, null);
            validate(admin.admin(HttpMethod.PUT, "/admin/applications/41", bearer,
                    "{\"key\":\"" + DemoData.DEMO_KEY.value() + "\",\"name\":\"Thief\",\"enabled\":true}"), "putApplication", 409, "conflict");
            validate(admin.admin(HttpMethod.PUT, "/admin/applications/x", bearer, "{}"), "putApplication", 400, "invalid_body");
            validate(admin.admin(HttpMethod.PUT, "/admin/applications/40", bearer, "{\"name\":\"" + "n".repeat(70_000) + "\"}"),
                    "putApplication", 413, "body_too_large");
            validate(admin.admin(HttpMethod.GET, "/admin/applications/40", bearer, null), "putApplication", 405, "method_not_allowed");
            validate(admin.admin(HttpMethod.PUT, "/admin/customers/" + ivan, bearer, "{\"email\":\"ivan@new.example\"}"),
                    "putCustomer", 200, null);
            validate(admin.admin(HttpMethod.POST, "/admin/sessions", bearer, login), "beginSession", 201, null);
            validate(admin.admin(HttpMethod.POST, "/admin/sessions", bearer, "{\"customer_id\":\"nobody\",\"application_key\":\""
                    + DemoData.DEMO_KEY.value() + "\"}"), "beginSession", 404, "customer_not_found");
            validate(admin.admin(HttpMethod.POST, "/admin/sessions", bearer, "{\"customer_id\":\"" + ivan
                    + "\",\"application_key\":\"ffffffffffffffffffffffffffffffff\"}"), "beginSession", 403, "application_unknown");
            validate(admin.admin(HttpMethod.POST, "/admin/sessions", null, login), "beginSession", 401, "admin_unauthorized");
            HttpResponse<Buffer> listed = admin.admin(HttpMethod.GET, "/admin/customers/" + ivan + "/sessions", bearer, null);
            validate(listed, "listSessions", 200, null);
            long session = new JsonObject(listed.bodyAsString()).getJsonObject("data").getJsonArray("sessions").getJsonObject(0)
                    .getLong("id");
            validate(admin.admin(HttpMethod.DELETE, "/admin/sessions/" + session, bearer, null), "revokeSession", 204, null);
            validate(admin.admin(HttpMethod.DELETE, "/admin/sessions/987654", bearer, null), "revokeSession", 404, "session_not_found");
            validate(admin.admin(HttpMethod.DELETE, "/admin/customers/" + ivan + "/sessions", bearer, null),
                    "revokeCustomerSessions", 200, null);
            validate(admin.admin(HttpMethod.GET, "/admin/customers/" + ivan + "/sessions", bearer, null), "listSessions", 200, null);
            validate(admin.admin(HttpMethod.DELETE, "/admin/customers/" + ivan, bearer, null), "deleteCustomer", 204, null);
            validate(admin.admin(HttpMethod.DELETE, "/admin/customers/" + ivan, bearer, null), "deleteCustomer", 404,
                    "customer_not_found");

            String ndjson = "application/x-ndjson";
            Buffer lines = Buffer.buffer("{\"id\":\"bulk-1\"}\n{\"id\":\"bulk-2\",\"state\":2}\n");
            validate(admin.importCustomers(bearer, ndjson, lines), "importCustomers", 200, null);
            validate(admin.importCustomers(bearer, ndjson, Buffer.buffer("{\"id\":\"bulk-3\"}\n[]\n")), "importCustomers",
                    400, "invalid_body");
            validate(admin.importCustomers(null, ndjson, lines), "importCustomers", 401, "admin_unauthorized");
            validate(admin.importCustomers(bearer, "application/json", lines), "importCustomers", 415,
                    "unsupported_media_type");
            validate(admin.admin(HttpMethod.GET, "/admin/customers:import", bearer, null), "importCustomers", 405,
                    "method_not_allowed");
            admin.tokens().close();
            validate(admin.importCustomers(bearer, ndjson, lines), "importCustomers", 503, "unavailable");
        }
        validate(service.admin(HttpMethod.DELETE, "/admin/sessions/1", AdminApiTest.BEARER, null), "revokeSession", 403,
                "admin_disabled");
        assertThat(validated).contains("200 ", "201 ", "204 ", "400 invalid_body", "401 admin_unauthorized",
                "403 admin_disabled", "403 application_unknown", "404 customer_not_found", "404 session_not_found",
                "405 method_not_allowed", "409 conflict", "413 body_too_large", "415 unsupported_media_type",
                "503 unavailable");
    }

    @Test
    void the_dpop_and_session_hygiene_answers_match_the_document() {
        String bearer = AdminApiTest.BEARER;
        String ivan = DemoData.IVAN_ID.value();
        DpopClientKey key = DpopClientKey.generate(DpopClientKey.ES256);
        String htu = TestService.PUBLIC_URL + "/api/customers/refresh";
        try (TestService dpop = new TestService("--admin-token", AdminApiTest.ADMIN_TOKEN, "--dpop-nonces", "true")) {
            HttpResponse<Buffer> begun = dpop.admin(HttpMethod.POST, "/admin/sessions", bearer, new JsonObject()
                    .put("customer_id", ivan).put("application_key", DemoData.DEMO_KEY.value())
                    .put("dpop_jkt", key.thumbprint()).encode());
            validate(begun, "beginSession", 201, null);
            validate(dpop.admin(HttpMethod.POST, "/admin/sessions", bearer, new JsonObject().put("customer_id", ivan)
                    .put("application_key", DemoData.DEMO_KEY.value()).put("dpop_jkt", "short").encode()),
                    "beginSession", 400, "invalid_body");
            String token = tokenOf(begun);
            MultiMap headers = TestService.validHeaders(token).set("Authorization", "DPoP " + token);

            validate(get(dpop, TestService.validHeaders(token)), "refreshToken", 401, "dpop_required");
            validate(get(dpop, MultiMap.caseInsensitiveMultiMap().addAll(headers).add("DPoP", "not-a-proof")),
                    "refreshToken", 401, "dpop_proof_invalid");
            HttpResponse<Buffer> nonceRequired = get(dpop, MultiMap.caseInsensitiveMultiMap().addAll(headers)
                    .add("DPoP", key.proof(htu, token, dpop.clock.instant())));
            validate(nonceRequired, "refreshToken", 401, "dpop_nonce_required");
            String next = tokenOf(get(dpop, MultiMap.caseInsensitiveMultiMap().addAll(headers).add("DPoP",
                    key.proof(htu, token, dpop.clock.instant(), nonceRequired.getHeader("DPoP-Nonce")))));
            assertThat(next).isNotEqualTo(token);
            validate(dpop.admin(HttpMethod.GET, "/admin/customers/" + ivan + "/sessions", bearer, null), "listSessions",
                    200, null);
        }
        try (TestService idle = new TestService("--admin-token", AdminApiTest.ADMIN_TOKEN, "--idle-timeout-minutes", "30")) {
            TokenGrant login = idle.login();
            idle.clock.advance(Duration.ofMinutes(31));
            validate(idle.refresh(login.token()), "refreshToken", 401, "session_idle_expired");
            validate(idle.admin(HttpMethod.GET, "/admin/customers/" + ivan + "/sessions", bearer, null), "listSessions",
                    200, null);
        }
        assertThat(validated).contains("201 ", "200 ", "400 invalid_body", "401 dpop_required", "401 dpop_proof_invalid",
                "401 dpop_nonce_required", "401 session_idle_expired");
    }

    private static HttpResponse<Buffer> get(TestService node, MultiMap headers) {
        return node.send(HttpMethod.GET, "/api/customers/refresh", headers);
    }

    @Test
    void the_management_endpoints_match_the_document_and_serve_it() throws Exception {
        validate(service.management(HttpMethod.GET, "/health/live"), "liveness", 200, null);
        validate(service.management(HttpMethod.GET, "/health/ready"), "readiness", 200, null);
        validate(service.management(HttpMethod.GET, "/metrics"), "metrics", 200, null);
        HttpResponse<Buffer> served = service.management(HttpMethod.GET, "/openapi.json");
        validate(served, "openApi", 200, null);
        validate(service.management(HttpMethod.PUT, "/metrics"), "metrics", 405, "method_not_allowed");
        service.service.beginShutdown();
        validate(service.management(HttpMethod.GET, "/health/ready"), "readiness", 503, null);

        Map<String, Object> repository = new org.yaml.snakeyaml.Yaml().load(Files.readString(DOCUMENT));
        assertThat(new JsonObject(served.bodyAsString())).as("the served document is the repository's")
                .isEqualTo(new JsonObject(repository));
    }
}
