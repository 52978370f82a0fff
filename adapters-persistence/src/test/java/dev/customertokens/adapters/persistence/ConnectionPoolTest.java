package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter's own pool, when the connections it holds stop working. */
class ConnectionPoolTest {

    @TempDir
    Path directory;

    /**
     * A connection whose session H2 closed (its server's process died, its store failed) must leave the pool at
     * once: handed out again and again, as a busy pool does within half a second, it would fail every request.
     */
    @Test
    void connections_whose_sessions_were_closed_are_replaced_rather_than_handed_out_again() throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath();
        try (Database database = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("sa").password("")
                .poolSize(4).build())) {
            assertThat(database.ping()).isEmpty();
            abortEveryOtherSession(url);

            List<Boolean> answered = new ArrayList<>();
            for (int call = 0; call < 20; call++) {
                try {
                    database.customerAccounts().find(dev.customertokens.testkit.DemoData.IVAN_ID);
                    answered.add(true);
                } catch (StorageUnavailableException e) {
                    answered.add(false);
                }
            }

            assertThat(answered.subList(10, 20)).as("calls after the first ten").containsOnly(true);
        }
    }

    private static void abortEveryOtherSession(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                dev.customertokens.adapters.persistence.h2.H2Urls.effective(url), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet sessions = statement.executeQuery(
                     "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()")) {
            List<Integer> ids = new ArrayList<>();
            while (sessions.next()) {
                ids.add(sessions.getInt(1));
            }
            for (int id : ids) {
                try (Statement abort = connection.createStatement()) {
                    abort.execute("CALL ABORT_SESSION(" + id + ")");
                }
            }
        }
    }
}
