package dev.customertokens.adapters.persistence;

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

/** Migration 4 shapes the sessions table for rotations on PostgreSQL, and leaves H2's as it was. */
class SessionsSchemaTest {

    @TempDir
    Path directory;

    @Test
    void on_postgresql_session_pages_keep_room_and_sessions_are_indexed_by_customer_and_id() throws SQLException {
        String url = EmbeddedPostgresServer.newDatabaseUrl();
        try (Database database = Database.open(new DatabaseSettings(url, "postgres", null, 2,
                DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT));
             Connection connection = DriverManager.getConnection(url, "postgres", null)) {
            assertThat(database.schemaVersion()).isEqualTo("4");
            assertThat(strings(connection, "SELECT unnest(reloptions) FROM pg_class WHERE relname = 'sessions'"))
                    .containsExactly("fillfactor=" + PostgresSessionsMigration.FILL_FACTOR);
            assertThat(strings(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'sessions'"))
                    .anySatisfy(index -> assertThat(index).contains("sessions_customer_session")
                            .contains("(customer_id, id)"))
                    .noneSatisfy(index -> assertThat(index).contains("sessions_customer_id "));
        }
    }

    @Test
    void on_h2_the_index_by_customer_stays_and_lookups_by_id_use_the_primary_key() throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("schema");
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""));
             Connection connection = DriverManager.getConnection(url + ";AUTO_SERVER=TRUE", "sa", "")) {
            assertThat(database.schemaVersion()).isEqualTo("4");
            assertThat(strings(connection, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'SESSIONS'"))
                    .contains("SESSIONS_CUSTOMER_ID").doesNotContain("SESSIONS_CUSTOMER_SESSION");
            // one B-tree descent per statement, where the two-column index would add a second
            assertThat(plan(connection, withLiterals(SessionStatements.FIND_WITH_CUSTOMER, "5", "'c'")))
                    .contains("/* PUBLIC.PRIMARY_KEY");
            assertThat(plan(connection, withLiterals(SessionStatements.ROTATE, "'new'", "1", "'r'", "'d'", "5", "'c'",
                    "'old'"))).contains("/* PUBLIC.PRIMARY_KEY");
        }
    }

    private static String plan(Connection connection, String statement) throws SQLException {
        return String.join("\n", strings(connection, "EXPLAIN " + statement));
    }

    private static String withLiterals(String statement, String... literals) {
        String result = statement;
        for (String literal : literals) {
            result = result.replaceFirst("\\?", literal);
        }
        assertThat(result).doesNotContain("?");
        return result;
    }

    private static List<String> strings(Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
