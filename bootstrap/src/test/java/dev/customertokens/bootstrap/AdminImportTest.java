package dev.customertokens.bootstrap;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /admin/customers:import} (NDJSON) over real HTTP on a running service with a real H2 database:
 * every batch written, the order kept, a bad line stopping the import after the batches before its own.
 */
class AdminImportTest {

    private static final String NDJSON = "application/x-ndjson";

    private final TestService service = new TestService("--admin-token", AdminApiTest.ADMIN_TOKEN);

    @AfterEach
    void close() {
        service.close();
    }

    /** A full {@code customer_account} line for {@code bulk-n}. */
    private static String line(int n, String email) {
        return new JsonObject().put("id", "bulk-" + n).put("type_id", 1).put("first_name", "Bulk").put("last_name",
                        "Customer " + n).put("email", email).put("confirmed", true).put("phone_number", null)
                .put("locale", "en").put("state", 1)
                .put("demographics", new JsonArray().add(new JsonObject().put("key", "batch").put("value", n / 1000)))
                .put("optin_status_email", 1).put("optin_status_pn", 0).put("has_pending_email_change", false)
                .put("has_pending_phone_number_change", false).put("is_social", false).encode();
    }

    private static List<String> lines(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            lines.add(line(n, "bulk-" + n + "@example.com"));
        }
        return lines;
    }

    private HttpResponse<Buffer> importing(List<String> lines) {
        return service.importCustomers(AdminApiTest.BEARER, NDJSON, Buffer.buffer(String.join("\n", lines) + "\n"));
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString());
    }

    /** The account a new session of {@code id} is refreshed with. */
    private JsonObject refreshedAccount(String id) {
        HttpResponse<Buffer> begun = service.admin(HttpMethod.POST, "/admin/sessions", AdminApiTest.BEARER,
                new JsonObject().put("customer_id", id).put("application_key", DemoData.DEMO_KEY.value()).encode());
        assertThat(begun.statusCode()).as(begun.bodyAsString()).isEqualTo(201);
        String token = json(begun).getJsonObject("data").getJsonObject("token").getString("value");
        HttpResponse<Buffer> refreshed = service.refresh(token);
        assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
        return json(refreshed).getJsonObject("data").getJsonObject("customer_account");
    }

    private List<String> storedIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(service.tokens().settings().database().jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM customer_accounts WHERE id LIKE 'bulk-%'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Test
    void a_body_of_many_batches_is_imported_whole_and_an_id_given_twice_keeps_the_later_line() throws SQLException {
        List<String> lines = lines(25_000);
        lines.set(2, line(7, "first@example.com"));
        lines.set(24_000, line(7, "later@example.com"));
        assertThat(String.join("\n", lines).length()).isGreaterThan(100 * 64 * 1024);

        HttpResponse<Buffer> answer = importing(lines);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(new JsonObject().put("status", "OK").put("code", 200)
                .put("data", new JsonObject().put("imported", 25_000)));
        assertThat(storedIds()).hasSize(25_000 - 2).doesNotContain("bulk-3", "bulk-24001");
        JsonObject account = refreshedAccount("bulk-24999");
        assertThat(account).isEqualTo(new JsonObject(lines.get(24_998)));
        assertThat(refreshedAccount("bulk-7").getString("email")).isEqualTo("later@example.com");
    }

    @Test
    void a_bad_line_stops_the_import_after_the_batches_before_its_own() throws SQLException {
        List<String> lines = lines(5_000);
        lines.set(2_502, "{\"id\":\"bulk-2503\",\"email\":42,\"colour\":\"red\"}");

        HttpResponse<Buffer> answer = importing(lines);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonObject error = json(answer);
        assertThat(error.getString("error")).isEqualTo("invalid_body");
        assertThat(error.getJsonObject("errors")).isEqualTo(new JsonObject().put("line 2503",
                new JsonArray().add("colour: unknown field").add("email: must be a string or null")));
        assertThat(error.getString("message")).isEqualTo(
                "Line 2503 is invalid; the 2000 accounts before line 2001 were imported, nothing from line 2001 on");
        List<String> stored = storedIds();
        assertThat(stored).hasSize(2_000).contains("bulk-1", "bulk-2000").doesNotContain("bulk-2001", "bulk-2502",
                "bulk-5000");
    }

    @Test
    void a_line_over_the_maximum_length_is_400_naming_it() throws SQLException {
        List<String> lines = lines(10);
        lines.set(5, "{\"id\":\"bulk-6\",\"first_name\":\"" + "n".repeat(64 * 1024) + "\"}");

        HttpResponse<Buffer> answer = importing(lines);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).getJsonObject("errors")).isEqualTo(new JsonObject().put("line 6",
                new JsonArray().add("longer than 65536 bytes")));
        assertThat(json(answer).getString("message")).isEqualTo("Line 6 is invalid; nothing was imported");
        assertThat(storedIds()).isEmpty();
    }

    @Test
    void an_empty_body_imports_nothing() {
        HttpResponse<Buffer> answer = service.importCustomers(AdminApiTest.BEARER, NDJSON, Buffer.buffer());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).getJsonObject("data").getInteger("imported")).isZero();
    }

    @Test
    void another_media_type_is_415_no_token_401_and_another_method_405() throws SQLException {
        Buffer body = Buffer.buffer(line(1, "a@example.com") + "\n");

        HttpResponse<Buffer> json = service.importCustomers(AdminApiTest.BEARER, "application/json", body);
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json(json).getString("error")).isEqualTo("unsupported_media_type");
        HttpResponse<Buffer> anonymous = service.importCustomers(null, NDJSON, body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).getString("error")).isEqualTo("admin_unauthorized");
        HttpResponse<Buffer> get = service.admin(HttpMethod.GET, "/admin/customers:import", AdminApiTest.BEARER, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.getHeader("Allow")).isEqualTo("POST");
        assertThat(storedIds()).isEmpty();
    }
}
