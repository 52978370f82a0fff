package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.CustomerTokensBuilder;
import dev.customertokens.bootstrap.CustomerTokensSettings;
import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void a_key_file_that_cannot_be_used_exits_2_naming_the_file_and_the_problem_without_a_stack_trace() throws IOException {
        Path weak = TokenForge.writePem(file("weak.pem", "").toAbsolutePath(), TokenForge.Keys.WEAK_RSA.getPrivate());
        Path rsa = TokenForge.writePem(file("rsa.pem", "").toAbsolutePath(), TokenForge.Keys.RSA.getPrivate());
        Path missing = dataDir.resolveSibling("missing.pem").toAbsolutePath();
        Path retiredPrivate = TokenForge.writePem(file("retired.pem", "").toAbsolutePath(), TokenForge.Keys.ED25519.getPrivate());
        String[][] cases = {
                {"--jwt-algorithm", "RS256", "--jwt-private-key-file", missing.toString()},
                {"--jwt-algorithm", "RS256", "--jwt-private-key-file", weak.toString()},
                {"--jwt-algorithm", "EdDSA", "--jwt-private-key-file", rsa.toString()},
                {"--jwt-algorithm", "RS256", "--jwt-private-key-file", rsa.toString(),
                        "--jwt-previous-public-key-files", "old=" + retiredPrivate}};
        String[] expected = {missing + ": no such file", weak + ": the RSA key has 1024 bits; RS256 needs at least 2048",
                rsa + ": EdDSA needs an Ed25519 key, not an RSA key", retiredPrivate + ": no '-----BEGIN PUBLIC KEY-----'"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop"));
            args.addAll(List.of(cases[i]));
            Result result = run(args.toArray(String[]::new));
            assertThat(result.exit()).as(result.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).contains(expected[i]).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void tokens_issue_signs_with_an_eddsa_key_from_a_file() throws IOException {
        Path key = TokenForge.writePem(file("ed.pem", "").toAbsolutePath(), TokenForge.Keys.ED25519.getPrivate());
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        importTwoCustomers();

        Result issued = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY,
                "--jwt-algorithm", "EdDSA", "--jwt-private-key-file", key.toString(), "--jwt-key-id", "ed-1");

        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(TokenForge.headerOf(issued.json().getJsonObject("token").getString("value")))
                .isEqualTo(new JsonObject().put("typ", "JWT").put("alg", "EdDSA").put("kid", "ed-1"));
    }

    @Test
    void the_data_folder_is_mode_700_and_its_secrets_mode_600() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        for (String secret : List.of("jwt-secret", "db-password")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
        }
    }

    @Test
    void a_database_made_without_a_password_keeps_its_data_and_gets_the_one_in_the_data_folder() throws IOException {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x")); // as older versions made it
        try (Database old = Database.open(DatabaseSettings.of(CustomerTokensBuilder.embeddedUrl(dataDir), "", ""))) {
            old.applications().save(new Application(ApplicationId.of(15), ApplicationKey.of(KEY), "Shop", true));
        }

        importTwoCustomers();
        Result issued = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);

        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(Files.readString(dataDir.resolve("db-password")).strip()).hasSizeGreaterThanOrEqualTo(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThatThrownBy(() -> Database.open(DatabaseSettings.of(CustomerTokensBuilder.embeddedUrl(dataDir), "", "")))
                .as("the empty password no longer opens it").isInstanceOf(RuntimeException.class);
    }

    @Test
    void applications_add_refuses_a_key_another_application_holds_naming_it_and_changes_nothing() {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");

        Result taken = run("applications", "add", "--id", "16", "--key", KEY, "--name", "Thief");

        assertThat(taken.exit()).isEqualTo(Main.EXIT_REFUSED);
        assertThat(taken.out()).isEmpty();
        assertThat(taken.err()).contains("held by application 15");
        Result renamed = run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop, renamed");
        assertThat(renamed.exit()).as(renamed.err()).isZero();
    }

    @Test
    void tokens_issue_count_prints_one_session_a_line_and_sessions_list_prints_them_without_tokens() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        importTwoCustomers();

        Result issued = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY, "--count", "5",
                "--device-uuid", "load-test");

        assertThat(issued.exit()).as(issued.err()).isZero();
        List<String> lines = issued.out().lines().toList();
        assertThat(lines).hasSize(5);
        List<Long> ids = lines.stream().map(line -> sessionIdOf(new JsonObject(line).getJsonObject("token").getString("value")))
                .toList();
        assertThat(ids).doesNotHaveDuplicates();
        run("sessions", "revoke", "--session", Long.toString(ids.get(0)));

        Result listed = run("sessions", "list", "--customer", ACTIVE);

        assertThat(listed.exit()).as(listed.err()).isZero();
        List<JsonObject> sessions = listed.out().lines().map(JsonObject::new).toList();
        assertThat(sessions).extracting(session -> session.getLong("id")).containsExactlyElementsOf(ids);
        assertThat(sessions.get(0).getString("revoked_reason")).isEqualTo("operator");
        assertThat(sessions.get(1).getValue("revoked_at")).isNull();
        assertThat(sessions.get(1).getString("device_uuid")).isEqualTo("load-test");
        assertThat(listed.out()).doesNotContain(new JsonObject(lines.get(0)).getJsonObject("token").getString("value"));
        assertThat(run("tokens", "issue", "--customer", ACTIVE, "--application", KEY, "--count", "0").exit())
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(run("sessions", "list", "--customer", "nobody").out()).isEmpty();
    }

    @Test
    void tokens_issue_binds_the_session_to_a_dpop_key_and_refuses_anything_but_a_thumbprint() throws IOException {
        String jkt = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        importTwoCustomers();

        Result bound = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY, "--dpop-jkt", jkt);

        assertThat(bound.exit()).as(bound.err()).isZero();
        String token = bound.json().getJsonObject("token").getString("value");
        assertThat(TokenForge.payloadOf(token).getJsonObject("cnf")).isEqualTo(new JsonObject().put("jkt", jkt));
        assertThat(new JsonObject(run("sessions", "list", "--customer", ACTIVE).out().strip()).getString("dpop_jkt"))
                .isEqualTo(jkt);
        for (String bad : List.of("", "short", jkt + "A", jkt.substring(1) + "=", jkt.replace('-', '+'))) {
            Result refused = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY, "--dpop-jkt", bad);
            assertThat(refused.exit()).as("--dpop-jkt '%s'", bad).isEqualTo(Main.EXIT_USAGE);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).contains("--dpop-jkt").contains("43 base64url characters");
        }
        assertThat(run("sessions", "list", "--customer", ACTIVE).out().lines()).as("nothing begun when refused")
                .hasSize(1);
    }

    @Test
    void tokens_issue_beside_a_serve_takes_its_issuer_and_refuses_flags_it_would_reject() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        importTwoCustomers();
        // what 'serve --port 8380 --ttl-minutes 60' records in its data folder when it starts
        CustomerTokensSettings serve = Settings.parse(Map.of(), "--data-dir", dataDir.toString(), "--port", "8380",
                "--ttl-minutes", "60").library();
        ServeSettingsFile.record(serve.withKeys(serve.keys().resolve(dataDir)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(ServeSettingsFile.FILE_NAME))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.resolve(ServeSettingsFile.FILE_NAME)))
                .doesNotContain(Files.readString(dataDir.resolve("jwt-secret")).strip());

        Result issued = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY);

        assertThat(issued.exit()).as(issued.err()).isZero();
        JsonObject claims = TokenForge.payloadOf(issued.json().getJsonObject("token").getString("value"));
        assertThat(claims.getString("iss")).isEqualTo("http://127.0.0.1:8380/api/customers/login");
        assertThat(claims.getLong("exp") - claims.getLong("nbf")).isEqualTo(3600L);
        assertThat(issued.json().getJsonObject("token").getLong("ttl")).isEqualTo(60L);

        String[][] contradictions = {
                {"--public-url", "http://127.0.0.1:8080"},
                {"--subject-hash", "0000000000000000000000000000000000000000"},
                {"--jwt-secret", "another-secret-that-is-long-enough-for-hs256"},
                {"--jwt-algorithm", "RS256", "--jwt-private-key-file", "missing.pem"}};
        String[] reasons = {"not trust", "differs from the service's", "signing key is not the one", "differs from the service's"};
        for (int i = 0; i < contradictions.length; i++) {
            List<String> args = new ArrayList<>(List.of("tokens", "issue", "--customer", ACTIVE, "--application", KEY));
            args.addAll(List.of(contradictions[i]));
            Result refused = run(args.toArray(String[]::new));
            assertThat(refused.exit()).as(refused.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).contains(reasons[i]).contains(ServeSettingsFile.FILE_NAME);
        }
        Result agreeing = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY,
                "--public-url", "http://127.0.0.1:8380/", "--ttl-minutes", "5");
        assertThat(agreeing.exit()).as("explicit flags that serve accepts win: " + agreeing.err()).isZero();
        assertThat(agreeing.json().getJsonObject("token").getLong("ttl")).isEqualTo(5L);
    }

    @Test
    void tokens_issue_on_a_database_no_serve_recorded_refuses_without_the_services_public_url() {
        Result refused = run("tokens", "issue", "--customer", ACTIVE, "--application", KEY,
                "--db-url", "jdbc:postgresql://127.0.0.1:1/customer_tokens");

        assertThat(refused.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(refused.err()).contains("cannot know the issuer").contains("--public-url");
    }

    @Test
    void store_backup_writes_a_new_zip_of_the_embedded_database_and_never_overwrites_one() throws IOException {
        run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop");
        Path zip = dataDir.resolveSibling(dataDir.getFileName() + "-backup.zip");

        Result backup = run("store", "backup", zip.toString());

        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.json().getString("backup")).isEqualTo(zip.toAbsolutePath().toString());
        assertThat(backup.json().getLong("bytes")).isEqualTo(Files.size(zip)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip))).isEqualTo("rw-------");
        try (java.util.zip.ZipFile copy = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(copy.getEntry("customer-tokens.mv.db")).as("the database file in the zip").isNotNull();
        }
        Result again = run("store", "backup", zip.toString());
        assertThat(again.exit()).isEqualTo(Main.EXIT_REFUSED);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains(zip + " exists");
    }

    @Test
    void store_backup_on_postgresql_points_to_its_own_tools() {
        Path zip = dataDir.resolveSibling(dataDir.getFileName() + "-postgres.zip");

        Result refused = run("store", "backup", zip.toString(), "--db-url", EmbeddedPostgresServer.newDatabaseUrl(),
                "--db-user", "postgres");

        assertThat(refused.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("pg_dump").contains("pg_basebackup");
        assertThat(zip).doesNotExist();
    }

    static long sessionIdOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return new JsonObject(payload).getLong("session_id");
    }
}
