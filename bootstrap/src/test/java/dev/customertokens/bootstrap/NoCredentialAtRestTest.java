package dev.customertokens.bootstrap;

import dev.customertokens.testkit.EmbeddedPostgresServer;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT 2.5: after logins, rotations, grace replays, retries and a reuse, a full copy of the database
 * (and, on the embedded file, every file beside it that is not a secret) holds no token a client
 * received and no signature of one.
 */
class NoCredentialAtRestTest {

    @TempDir
    Path directory;

    @Test
    void the_embedded_database_its_file_and_its_journal_hold_no_token_and_no_signature() throws Exception {
        // uncompressed pages, so that a token in the file would show as it does to `strings`
        String url = "jdbc:h2:file:" + directory.resolve("customer-tokens").toAbsolutePath() + ";COMPRESS=FALSE";
        List<String> issued;
        try (TestService service = new TestService(new MutableClock(TestService.START), url)) {
            seed(service);
            issued = exerciseEveryPath(service);
            String dump = h2Script(url + ";AUTO_SERVER=TRUE");
            assertHoldsNoneOf(dump, issued, "SCRIPT of the database");
            // what a backup of the folder or a local reader of its files would see, journal included, while it runs
            assertHoldsNoneOf(filesUnder(directory), issued, "the database's files");
        }
        assertHoldsNoneOf(filesUnder(directory), issued, "the database's files after a clean stop");
    }

    @Test
    void a_postgresql_database_holds_no_token_and_no_signature() throws Exception {
        String url = EmbeddedPostgresServer.newDatabaseUrl();
        List<String> issued;
        try (TestService service = new TestService(new MutableClock(TestService.START), url, "--db-user", "postgres")) {
            seed(service);
            issued = exerciseEveryPath(service);
        }
        assertHoldsNoneOf(postgresDump(url), issued, "every row of every table");
    }

    private static void seed(TestService service) {
        service.tokens().administration().register(DemoData.demoApplication());
        service.tokens().administration().importAccounts(List.of(DemoData.ivan()));
    }

    /** Every way a token is issued or handed out again; returns every token a client received. */
    private static List<String> exerciseEveryPath(TestService service) {
        List<String> issued = new ArrayList<>();
        for (int session = 0; session < 3; session++) {
            String login = service.login().token();
            issued.add(login);
            String first = tokenOf(service.refresh(login, "rotate-" + session));
            issued.add(first);
            service.clock.advance(Duration.ofSeconds(5));
            assertThat(tokenOf(service.refresh(login, "another-tab-" + session))).as("grace replay").isEqualTo(first);
            assertThat(tokenOf(service.refresh(login, "rotate-" + session))).as("retry").isEqualTo(first);
            String second = tokenOf(service.refresh(first, "rotate-again-" + session));
            issued.add(second);
            if (session == 0) {
                service.clock.advance(Duration.ofSeconds(31));
                assertThat(service.refresh(login, "thief").statusCode()).as("reuse").isEqualTo(401);
            }
        }
        return issued;
    }

    private static String tokenOf(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonObject("data").getJsonObject("token").getString("value");
    }

    private static void assertHoldsNoneOf(String copy, List<String> issued, String what) {
        assertThat(copy).as(what).isNotEmpty();
        for (String token : issued) {
            String[] parts = token.split("\\.");
            assertThat(copy).as(what + " holds a token").doesNotContain(token);
            assertThat(copy).as(what + " holds a token's payload").doesNotContain(parts[1]);
            assertThat(copy).as(what + " holds a signature").doesNotContain(parts[2]);
        }
        assertThat(copy).as(what + " holds something shaped like a JWT").doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}\\.eyJ");
    }

    private static String h2Script(String url) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url, "", "");
             Statement statement = connection.createStatement();
             ResultSet script = statement.executeQuery("SCRIPT")) {
            while (script.next()) {
                dump.append(script.getString(1)).append('\n');
            }
        }
        return dump.toString();
    }

    private static String postgresDump(String url) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("sessions", "customer_accounts", "applications");
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            dump.append(rows.getString(c)).append('|');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    /** Every file under the folder, as Latin-1 text (what {@code strings} would search). */
    private static String filesUnder(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}
