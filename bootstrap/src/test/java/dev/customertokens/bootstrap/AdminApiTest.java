package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.testkit.DemoData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API of CONTRACT 5, row by row, over real HTTP on a running service with a real H2 database. */
class AdminApiTest {

    static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789abcdef";
    static final String BEARER = "Bearer " + ADMIN_TOKEN;
    private static final String IVAN = DemoData.IVAN_ID.value();
    private static final String DEMO_KEY = DemoData.DEMO_KEY.value();
    private static final String NEW_KEY = "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb";
    /** A client key's RFC 7638 thumbprint (CONTRACT 2.7). */
    private static final String JKT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private final TestService service = new TestService("--admin-token", ADMIN_TOKEN);

    @AfterEach
    void close() {
        service.close();
    }

    private HttpResponse<Buffer> admin(HttpMethod method, String uri, String body) {
        return service.admin(method, uri, BEARER, body);
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString());
    }

    private static void assertError(HttpResponse<Buffer> response, int status, String error) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        JsonObject body = json(response);
        assertThat(body.getString("status")).isEqualTo("ERROR");
        assertThat(body.getInteger("code")).isEqualTo(status);
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    private String beginSession(String device) {
        HttpResponse<Buffer> begun = admin(HttpMethod.POST, "/admin/sessions", new JsonObject().put("customer_id", IVAN)
                .put("application_key", DEMO_KEY).put("device_uuid", device).encode());
        assertThat(begun.statusCode()).as(begun.bodyAsString()).isEqualTo(201);
        return json(begun).getJsonObject("data").getJsonObject("token").getString("value");
    }

    @Test
    void a_login_service_begins_a_session_whose_token_the_service_refreshes() {
        HttpResponse<Buffer> begun = admin(HttpMethod.POST, "/admin/sessions",
                "{\"customer_id\":\"" + IVAN + "\",\"application_key\":\"" + DEMO_KEY + "\",\"device_uuid\":\"phone-1\"}");

        assertThat(begun.statusCode()).as(begun.bodyAsString()).isEqualTo(201);
        JsonObject body = json(begun);
        assertThat(body.getString("status")).isEqualTo("OK");
        assertThat(body.getInteger("code")).isEqualTo(201);
        assertThat(body.getJsonObject("data").fieldNames()).containsExactly("customer_account", "token");
        assertThat(body.getJsonObject("data").getJsonObject("customer_account").getString("email"))
                .isEqualTo("ivan.djordjevic@partech.com");
        String token = body.getJsonObject("data").getJsonObject("token").getString("value");
        assertThat(service.refresh(token).statusCode()).isEqualTo(200);
    }

    @Test
    void beginning_a_session_refuses_unknown_or_inactive_customers_and_unknown_applications() {
        service.tokens().administration().importAccounts(List.of(DemoData.customer("blocked", 2)));
        assertError(admin(HttpMethod.POST, "/admin/sessions", "{\"customer_id\":\"nobody\",\"application_key\":\"" + DEMO_KEY + "\"}"),
                404, "customer_not_found");
        assertError(admin(HttpMethod.POST, "/admin/sessions", "{\"customer_id\":\"blocked\",\"application_key\":\"" + DEMO_KEY + "\"}"),
                403, "customer_inactive");
        assertError(admin(HttpMethod.POST, "/admin/sessions", "{\"customer_id\":\"" + IVAN + "\",\"application_key\":\"" + NEW_KEY + "\"}"),
                403, "application_unknown");
    }

    @Test
    void an_application_put_applies_at_once_and_a_key_held_by_another_is_a_conflict_naming_it() {
        HttpResponse<Buffer> put = admin(HttpMethod.PUT, "/admin/applications/40",
                "{\"key\":\"" + NEW_KEY + "\",\"name\":\"Kiosk\",\"enabled\":true}");
        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
        assertThat(json(put)).isEqualTo(new JsonObject().put("status", "OK").put("code", 200).put("data", new JsonObject()
                .put("application", new JsonObject().put("id", 40).put("key", NEW_KEY).put("name", "Kiosk").put("enabled", true))));
        assertThat(admin(HttpMethod.POST, "/admin/sessions", "{\"customer_id\":\"" + IVAN + "\",\"application_key\":\""
                + NEW_KEY + "\"}").statusCode()).isEqualTo(201);

        HttpResponse<Buffer> conflict = admin(HttpMethod.PUT, "/admin/applications/41",
                "{\"key\":\"" + DEMO_KEY + "\",\"name\":\"Thief\",\"enabled\":true}");
        assertError(conflict, 409, "conflict");
        assertThat(json(conflict).getString("message")).contains("application 15");
        String token = beginSession(null);
        assertThat(service.refresh(token).statusCode()).as("the holder keeps its key").isEqualTo(200);

        admin(HttpMethod.PUT, "/admin/applications/15", "{\"key\":\"" + DEMO_KEY + "\",\"name\":\"Demo\",\"enabled\":false}");
        assertError(service.refresh(token), 403, "application_unknown");
    }

    @Test
    void a_customer_put_is_answered_with_the_account_and_shows_at_the_next_refresh() {
        String token = beginSession(null);
        JsonObject changed = new JsonObject().put("type_id", 1).put("first_name", "Ivan").put("last_name", "Djordjevic")
                .put("email", "ivan@new.example").put("confirmed", true).put("phone_number", null).put("locale", "sr")
                .put("state", 1).put("demographics", new JsonArray().add(new JsonObject().put("key", "city")))
                .put("optin_status_email", 1).put("optin_status_pn", 2).put("has_pending_email_change", false)
                .put("has_pending_phone_number_change", false).put("is_social", false);

        HttpResponse<Buffer> put = admin(HttpMethod.PUT, "/admin/customers/" + IVAN, changed.encode());

        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
        JsonObject account = json(put).getJsonObject("data").getJsonObject("customer_account");
        assertThat(account).isEqualTo(changed.copy().put("id", IVAN));
        assertThat(new ArrayList<>(account.fieldNames())).first().isEqualTo("id");
        HttpResponse<Buffer> refreshed = service.refresh(token);
        assertThat(json(refreshed).getJsonObject("data").getJsonObject("customer_account"))
                .isEqualTo(account);
    }

    @Test
    void deleting_a_customer_answers_204_then_404_and_its_sessions_stay() {
        String token = beginSession(null);

        HttpResponse<Buffer> deleted = admin(HttpMethod.DELETE, "/admin/customers/" + IVAN, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.bodyAsString()).isNull();
        assertError(admin(HttpMethod.DELETE, "/admin/customers/" + IVAN, null), 404, "customer_not_found");
        assertError(service.refresh(token), 404, "customer_not_found");
        assertThat(json(admin(HttpMethod.GET, "/admin/customers/" + IVAN + "/sessions", null))
                .getJsonObject("data").getJsonArray("sessions")).hasSize(1);
    }

    @Test
    void a_support_tool_lists_sessions_without_tokens_and_revokes_one_or_all() {
        String first = beginSession("phone-1");
        String second = beginSession(null);
        service.refresh(second);

        HttpResponse<Buffer> listed = admin(HttpMethod.GET, "/admin/customers/" + IVAN + "/sessions", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonArray sessions = json(listed).getJsonObject("data").getJsonArray("sessions");
        assertThat(sessions).hasSize(2);
        JsonObject one = sessions.getJsonObject(0);
        assertThat(new ArrayList<>(one.fieldNames())).containsExactly("id", "application_id", "device_uuid", "started_at",
                "last_rotated_at", "rotations", "revoked_at", "revoked_reason", "dpop_jkt");
        assertThat(one.getValue("dpop_jkt")).as("a session begun without a key is bound to none").isNull();
        assertThat(one.getLong("id")).isEqualTo(sessionIdOf(first));
        assertThat(one.getLong("application_id")).isEqualTo(15L);
        assertThat(one.getString("device_uuid")).isEqualTo("phone-1");
        assertThat(one.getString("started_at")).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(one.getValue("last_rotated_at")).isNull();
        assertThat(one.getValue("revoked_at")).isNull();
        assertThat(sessions.getJsonObject(1).getLong("rotations")).isEqualTo(1L);
        assertThat(sessions.getJsonObject(1).getString("last_rotated_at")).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(listed.bodyAsString()).doesNotContain(first).doesNotContain(first.split("\\.")[2]).doesNotContain("jti");

        long firstId = sessionIdOf(first);
        HttpResponse<Buffer> revoked = admin(HttpMethod.DELETE, "/admin/sessions/" + firstId, null);
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertError(service.refresh(first), 401, "session_revoked");
        assertThat(admin(HttpMethod.DELETE, "/admin/sessions/" + firstId, null).statusCode())
                .as("revoking again changes nothing and says so without an error").isEqualTo(204);
        assertError(admin(HttpMethod.DELETE, "/admin/sessions/987654", null), 404, "session_not_found");
        JsonObject revokedOne = json(admin(HttpMethod.GET, "/admin/customers/" + IVAN + "/sessions", null))
                .getJsonObject("data").getJsonArray("sessions").getJsonObject(0);
        assertThat(revokedOne.getString("revoked_reason")).isEqualTo("operator");
        assertThat(revokedOne.getString("revoked_at")).isEqualTo("2026-03-01T10:00:00Z");

        beginSession(null);
        HttpResponse<Buffer> all = admin(HttpMethod.DELETE, "/admin/customers/" + IVAN + "/sessions", null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(json(all)).isEqualTo(new JsonObject().put("status", "OK").put("code", 200)
                .put("data", new JsonObject().put("revoked", 2)));
        assertError(service.refresh(second), 401, "session_revoked");
        assertThat(json(admin(HttpMethod.DELETE, "/admin/customers/nobody/sessions", null))
                .getJsonObject("data").getInteger("revoked")).isZero();
        assertThat(json(admin(HttpMethod.GET, "/admin/customers/nobody/sessions", null))
                .getJsonObject("data").getJsonArray("sessions")).isEmpty();
    }

    @Test
    void a_session_begun_with_a_dpop_key_is_bound_to_it_and_listed_with_it() {
        HttpResponse<Buffer> begun = admin(HttpMethod.POST, "/admin/sessions", new JsonObject().put("customer_id", IVAN)
                .put("application_key", DEMO_KEY).put("dpop_jkt", JKT).encode());
        HttpResponse<Buffer> unbound = admin(HttpMethod.POST, "/admin/sessions", new JsonObject().put("customer_id", IVAN)
                .put("application_key", DEMO_KEY).putNull("dpop_jkt").encode());

        assertThat(begun.statusCode()).as(begun.bodyAsString()).isEqualTo(201);
        String token = json(begun).getJsonObject("data").getJsonObject("token").getString("value");
        assertThat(TokenForge.payloadOf(token).getJsonObject("cnf")).isEqualTo(new JsonObject().put("jkt", JKT));
        assertThat(unbound.statusCode()).as("null is the same as leaving it out").isEqualTo(201);
        String unboundToken = json(unbound).getJsonObject("data").getJsonObject("token").getString("value");
        assertThat(TokenForge.payloadOf(unboundToken).containsKey("cnf")).isFalse();
        JsonArray sessions = json(admin(HttpMethod.GET, "/admin/customers/" + IVAN + "/sessions", null))
                .getJsonObject("data").getJsonArray("sessions");
        assertThat(sessions.getJsonObject(0).getString("dpop_jkt")).isEqualTo(JKT);
        assertThat(sessions.getJsonObject(1).getValue("dpop_jkt")).isNull();
        assertThat(sessions.getJsonObject(1).containsKey("dpop_jkt")).isTrue();
    }

    @Test
    void without_an_admin_token_configured_every_admin_request_is_403_admin_disabled() {
        try (TestService off = new TestService()) {
            assertError(off.admin(HttpMethod.GET, "/admin/customers/" + IVAN + "/sessions", null, null), 403, "admin_disabled");
            assertError(off.admin(HttpMethod.POST, "/admin/sessions", BEARER, "{}"), 403, "admin_disabled");
        }
    }

    @Test
    void a_body_over_64_kib_is_413_wrong_methods_405_and_unknown_admin_paths_404() {
        String big = "{\"key\":\"" + NEW_KEY + "\",\"name\":\"" + "n".repeat(65 * 1024) + "\",\"enabled\":true}";
        assertError(admin(HttpMethod.PUT, "/admin/applications/40", big), 413, "body_too_large");
        HttpResponse<Buffer> wrongMethod = admin(HttpMethod.GET, "/admin/sessions", null);
        assertError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.getHeader("Allow")).isEqualTo("POST");
        assertError(admin(HttpMethod.POST, "/admin/customers/" + IVAN, "{}"), 405, "method_not_allowed");
        assertError(admin(HttpMethod.GET, "/admin/nothing-here", null), 404, "route_not_found");
        assertError(service.send(HttpMethod.POST, "/admin/sessions", TestService.validHeaders("x")), 404, "route_not_found");
    }

    /** One malformed or unauthorized request: what it sends and what the 400 must name (empty for a 401). */
    record Malformed(HttpMethod method, String uri, String authorization, String body, Set<String> fields) {
        static Malformed of(HttpMethod method, String uri, String body, String... fields) {
            return new Malformed(method, uri, BEARER, body, Set.of(fields));
        }

        static Malformed unauthorized(String authorization) {
            return new Malformed(HttpMethod.PUT, "/admin/applications/40", authorization,
                    "{\"key\":\"" + NEW_KEY + "\",\"name\":\"Kiosk\",\"enabled\":true}", Set.of());
        }
    }

    @Test
    void malformed_or_unauthorized_admin_requests_name_every_field_at_fault_and_change_nothing() throws SQLException {
        beginSession("phone-1");
        String app = "/admin/applications/40";
        String goodApp = "{\"key\":\"" + NEW_KEY + "\",\"name\":\"Kiosk\",\"enabled\":true}";
        String customer = "/admin/customers/" + IVAN;
        String login = "\"customer_id\":\"" + IVAN + "\",\"application_key\":\"" + DEMO_KEY + "\"";
        HttpMethod put = HttpMethod.PUT;
        HttpMethod post = HttpMethod.POST;
        HttpMethod delete = HttpMethod.DELETE;
        List<Malformed> cases = List.of(
                Malformed.of(put, "/admin/applications/abc", goodApp, "id"),
                Malformed.of(put, "/admin/applications/0", goodApp, "id"),
                Malformed.of(put, "/admin/applications/-1", goodApp, "id"),
                Malformed.of(put, "/admin/applications/99999999999999999999", goodApp, "id"),
                Malformed.of(put, "/admin/applications/1.5", goodApp, "id"),
                Malformed.of(put, app, "{", "body"),
                Malformed.of(put, app, "[]", "body"),
                Malformed.of(put, app, "", "body"),
                Malformed.of(put, app, "null", "body"),
                Malformed.of(put, app, "42", "body"),
                Malformed.of(put, app, "\"text\"", "body"),
                Malformed.of(put, app, "{\"name\":\"Kiosk\",\"enabled\":true}", "key"),
                Malformed.of(put, app, "{\"key\":123,\"name\":\"Kiosk\",\"enabled\":true}", "key"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY.toUpperCase() + "\",\"name\":\"Kiosk\",\"enabled\":true}", "key"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY.substring(1) + "\",\"name\":\"Kiosk\",\"enabled\":true}", "key"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY + "\",\"enabled\":true}", "name"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY + "\",\"name\":\"\",\"enabled\":true}", "name"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY + "\",\"name\":\"" + "n".repeat(256) + "\",\"enabled\":true}", "name"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY + "\",\"name\":5,\"enabled\":true}", "name"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY + "\",\"name\":\"Kiosk\",\"enabled\":\"yes\"}", "enabled"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY + "\",\"name\":\"Kiosk\"}", "enabled"),
                Malformed.of(put, app, "{\"key\":\"" + NEW_KEY + "\",\"name\":\"Kiosk\",\"enabled\":true,\"owner\":\"x\"}", "owner"),
                Malformed.of(put, "/admin/applications/x", "{\"key\":1,\"name\":null,\"enabled\":0}", "id", "key", "name", "enabled"),
                Malformed.of(put, "/admin/customers/bad%20id", "{}", "id"),
                Malformed.of(put, "/admin/customers/" + "c".repeat(65), "{}", "id"),
                Malformed.of(put, customer, "{\"id\":\"someone-else\"}", "id"),
                Malformed.of(put, customer, "{\"type_id\":\"one\"}", "type_id"),
                Malformed.of(put, customer, "{\"state\":1.5}", "state"),
                Malformed.of(put, customer, "{\"confirmed\":\"true\"}", "confirmed"),
                Malformed.of(put, customer, "{\"demographics\":\"x\"}", "demographics"),
                Malformed.of(put, customer, "{\"demographics\":[1]}", "demographics"),
                Malformed.of(put, customer, "{\"email\":42}", "email"),
                Malformed.of(put, customer, "{\"password\":\"secret\"}", "password"),
                Malformed.of(put, customer, "[{}]", "body"),
                Malformed.of(put, customer, "{\"optin_status_email\":3000000000}", "optin_status_email"),
                Malformed.of(put, customer, "not json", "body"),
                Malformed.of(put, customer, "{\"email\":[],\"is_social\":1,\"locale\":{}}", "email", "is_social", "locale"),
                Malformed.of(post, "/admin/sessions", "{}", "customer_id", "application_key"),
                Malformed.of(post, "/admin/sessions", "{\"customer_id\":42,\"application_key\":\"" + DEMO_KEY + "\"}", "customer_id"),
                Malformed.of(post, "/admin/sessions", "{\"customer_id\":\"bad id\",\"application_key\":\"" + DEMO_KEY + "\"}", "customer_id"),
                Malformed.of(post, "/admin/sessions", "{\"customer_id\":\"" + IVAN + "\",\"application_key\":\"zz\"}", "application_key"),
                Malformed.of(post, "/admin/sessions", "{\"customer_id\":\"" + IVAN + "\"}", "application_key"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"device_uuid\":\"\"}", "device_uuid"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"device_uuid\":\"" + "d".repeat(129) + "\"}", "device_uuid"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"device_uuid\":\"\\u0001\"}", "device_uuid"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"device_uuid\":5}", "device_uuid"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"token\":\"x\"}", "token"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"dpop_jkt\":\"\"}", "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"dpop_jkt\":\"" + JKT.substring(1) + "\"}", "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"dpop_jkt\":\"" + JKT + "A\"}", "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"dpop_jkt\":\"" + JKT.substring(1) + "=\"}", "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"dpop_jkt\":\"" + JKT.replace('_', '/') + "\"}",
                        "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"dpop_jkt\":43}", "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "{" + login + ",\"dpop_jkt\":{\"jkt\":\"" + JKT + "\"}}",
                        "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "{\"customer_id\":5," + login.substring(login.indexOf(',') + 1)
                        + ",\"dpop_jkt\":true}", "customer_id", "dpop_jkt"),
                Malformed.of(post, "/admin/sessions", "[]", "body"),
                Malformed.of(post, "/admin/sessions", "not json", "body"),
                Malformed.of(post, "/admin/sessions", null, "body"),
                Malformed.of(delete, "/admin/sessions/abc", null, "id"),
                Malformed.of(delete, "/admin/sessions/0", null, "id"),
                Malformed.of(delete, "/admin/sessions/1.5", null, "id"),
                Malformed.of(delete, "/admin/customers/bad%21", null, "id"),
                Malformed.of(HttpMethod.GET, "/admin/customers/x%20y/sessions", null, "id"),
                Malformed.of(delete, "/admin/customers/%C3%A9/sessions", null, "id"),
                Malformed.unauthorized(null),
                Malformed.unauthorized("Bearer wrong-token-of-the-right-length-0123456789"),
                Malformed.unauthorized("Basic " + ADMIN_TOKEN),
                Malformed.unauthorized(BEARER + "x"),
                Malformed.unauthorized(BEARER.substring(0, BEARER.length() - 1)),
                Malformed.unauthorized("Bearer "),
                Malformed.unauthorized(ADMIN_TOKEN));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        String before = snapshot();

        for (Malformed bad : cases) {
            HttpResponse<Buffer> response = service.admin(bad.method(), bad.uri(), bad.authorization(), bad.body());
            String what = bad.method() + " " + bad.uri() + " " + bad.body() + ": " + response.bodyAsString();
            if (bad.fields().isEmpty()) {
                assertThat(response.statusCode()).as(what).isEqualTo(401);
                assertThat(json(response).getString("error")).as(what).isEqualTo("admin_unauthorized");
                assertThat(response.getHeader("WWW-Authenticate")).as(what).isEqualTo("Bearer");
            } else {
                assertThat(response.statusCode()).as(what).isEqualTo(400);
                assertThat(json(response).getString("error")).as(what).isEqualTo("invalid_body");
                assertThat(json(response).getJsonObject("errors").fieldNames()).as(what).isEqualTo(bad.fields());
            }
            assertThat(snapshot()).as("the database after " + what).isEqualTo(before);
        }
    }

    /** Every row of every table, read over a connection of its own. */
    private String snapshot() throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(service.tokens().settings().database().jdbcUrl());
             Statement statement = connection.createStatement()) {
            for (String table : List.of("applications", "customer_accounts", "sessions")) {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows.append(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            rows.append(rs.getString(i)).append('|');
                        }
                        rows.append('\n');
                    }
                }
            }
        }
        return rows.toString();
    }

    @Test
    void grant_of_admin_api_equals_what_a_login_through_the_use_case_returns() {
        TokenGrant direct = service.login();
        String token = beginSession(null);
        assertThat(sessionIdOf(token)).isGreaterThan(sessionIdOf(direct.token()));
    }

    private static long sessionIdOf(String token) {
        return TokenForge.payloadOf(token).getLong("session_id");
    }
}
