package dev.customertokens.bootstrap;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of CONTRACT 3, run in-process on an embedded database in a temporary data folder. */
class CommandLineTest {

    private static final String KEY = "00112233445566778899aabbccddeeff";
    private static final String ACTIVE = "11111111-1111-4111-8111-111111111111";
    private static final String BLOCKED = "22222222-2222-4222-8222-222222222222";

    @TempDir
    Path dataDir;

    record Result(int exit, String out, String err) {
        JsonObject json() {
            return new JsonObject(out.strip());
        }
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws IOException {
        Path file = dataDir.resolveSibling(dataDir.getFileName() + "-" + name);
        Files.writeString(file, content);
        return file;
    }

    private void importTwoCustomers() throws IOException {
        Result imported = run("customers", "import", file("customers.json", """
                [{"id": "%s", "first_name": "Mila", "email": "mila@example.com", "state": 1,
                  "demographics": [{"key": "city", "value": "Novi Sad"}]},
                 {"id": "%s", "first_name": "Zoran", "email": "zoran@example.com", "state": 2}]
                """.formatted(ACTIVE, BLOCKED)).toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out().strip()).isEqualTo("{\"imported\":2}");
    }

    @Test
    void applications_add_prints_the_application() {
        Result added = run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.json()).isEqualTo(new JsonObject().put("id", 15).put("key", KEY).put("name", "Shop").put("enabled", true));
    }

    @Test
    void tokens_issue_prints_the_data_of_the_refresh_endpoint() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        importTwoCustomers();
        Result issued = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);
        assertThat(issued.exit()).as(issued.err()).isZero();
        JsonObject data = issued.json();
        assertThat(data.fieldNames()).containsExactly("customer_account", "token");
        assertThat(data.getJsonObject("customer_account").getString("email")).isEqualTo("mila@example.com");
        assertThat(data.getJsonObject("customer_account").getJsonArray("demographics").getJsonObject(0).getString("value"))
                .isEqualTo("Novi Sad");
        assertThat(data.getJsonObject("token").getString("value")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(data.getJsonObject("token").getLong("ttl")).isEqualTo(1440L);
        assertThat(data.getJsonObject("token").getLong("refresh_ttl")).isEqualTo(2_628_000L);
    }

    @Test
    void tokens_issue_refuses_unknown_and_inactive_customers_and_unknown_or_disabled_applications() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        run("applications", "add", "--id", "16", "--key", "ffeeddccbbaa99887766554433221100", "--name", "Old", "--disabled");
        importTwoCustomers();
        Result unknownCustomer = run("tokens", "issue", "--customer", "nobody", "--application", KEY);
        Result inactive = run("tokens", "issue", "--customer", BLOCKED, "--application", KEY);
        Result unknownApp = run("tokens", "issue", "--customer", ACTIVE, "--application", "0000000000000000000000000000000f");
        Result disabledApp = run("tokens", "issue", "--customer", ACTIVE, "--application", "ffeeddccbbaa99887766554433221100");
        for (Result refused : List.of(unknownCustomer, inactive, unknownApp, disabledApp)) {
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).startsWith("customer-tokens: ");
        }
        assertThat(unknownCustomer.err()).contains("no such customer");
        assertThat(inactive.err()).contains("not active");
        assertThat(unknownApp.err()).contains("unknown or disabled");
        assertThat(disabledApp.err()).contains("unknown or disabled");
    }

    @Test
    void a_bad_import_file_names_every_problem_and_imports_nothing() throws IOException {
        Result bad = run("customers", "import", file("bad.json", """
                [{"id": "%s", "state": 1},
                 {"id": 42, "state": "one", "nickname": "x"},
                 {"id": "ok-id", "demographics": "not an array"}]
                """.formatted(ACTIVE)).toString());
        assertThat(bad.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("entry 1, id").contains("entry 1, state").contains("entry 1, nickname")
                .contains("entry 2, demographics");
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        assertThat(run("tokens", "issue", "--customer", ACTIVE, "--application", KEY).exit()).isNotZero();
        assertThat(run("customers", "import", file("notjson.json", "{oops").toString()).err()).contains("not valid JSON");
    }

    @Test
    void customers_delete_deletes_once() throws IOException {
        importTwoCustomers();
        Result deleted = run("customers", "delete", ACTIVE);
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out().strip()).isEqualTo("{\"deleted\":\"" + ACTIVE + "\"}");
        Result again = run("customers", "delete", ACTIVE);
        assertThat(again.exit()).isEqualTo(Main.EXIT_REFUSED);
        assertThat(again.out()).isEmpty();
    }

    @Test
    void sessions_revoke_by_session_and_by_customer() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        importTwoCustomers();
        run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);
        run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);
        Result third = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);
        long sessionId = sessionIdOf(third.json().getJsonObject("token").getString("value"));

        assertThat(run("sessions", "revoke", "--session", Long.toString(sessionId)).out().strip()).isEqualTo("{\"revoked\":1}");
        assertThat(run("sessions", "revoke", "--session", Long.toString(sessionId)).out().strip()).isEqualTo("{\"revoked\":0}");
        assertThat(run("sessions", "revoke", "--customer", ACTIVE).out().strip()).isEqualTo("{\"revoked\":2}");
        assertThat(run("sessions", "revoke").exit()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void sessions_purge_prints_how_many_it_deleted_and_nothing_else() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        importTwoCustomers();
        run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);
        run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);
        assertThat(run("sessions", "revoke", "--customer", ACTIVE).exit()).isZero();

        Result kept = run("sessions", "purge");
        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(kept.out()).as("revoked just now, within the retention").isEqualTo("0" + System.lineSeparator());
        Result purged = run("sessions", "purge", "--retention-days", "0");
        assertThat(purged.exit()).as(purged.err()).isZero();
        assertThat(purged.out()).isEqualTo("2" + System.lineSeparator());
        assertThat(run("sessions", "purge", "--retention-days", "-1").exit()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void usage_mistakes_exit_2_with_a_message_on_stderr_only() {
        Result missing = run("applications", "add", "--id", "15", "--name", "Shop");
        assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("--key");
        Result badKey = run("applications", "add", "--id", "15", "--key", "NOT-HEX", "--name", "Shop");
        assertThat(badKey.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badKey.err()).contains("32 lowercase hex");
        Result shortSecret = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY, "--jwt-secret", "short");
        assertThat(shortSecret.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(shortSecret.err()).contains("at least 32 bytes");
    }

    static long sessionIdOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return new JsonObject(payload).getLong("session_id");
    }
}
