package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.migration.SchemaMigrations;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations 4 to 8 shape the sessions for rotations: what a rotation changes in a table with no index but its
 * primary key, on both databases (6, 8); room in its pages and a partial index on revocations on PostgreSQL (4,
 * 5, 7).
 */
class SessionsSchemaTest {

    @TempDir
    Path directory;

    @Test
    void on_postgresql_chain_pages_keep_room_and_sessions_are_indexed_by_customer_and_id() throws SQLException {
        try (MigratedPostgres postgres = MigratedPostgres.open()) {
            Connection connection = postgres.connection();
            assertThat(postgres.database().schemaVersion()).isEqualTo(SchemaMigrations.LATEST_VERSION);
            assertThat(strings(connection, "SELECT unnest(reloptions) FROM pg_class WHERE relname = 'session_chains'"))
                    .containsExactly("fillfactor=70");
            assertThat(strings(connection, "SELECT unnest(reloptions) FROM pg_class WHERE relname = 'sessions'"))
                    .isEmpty();
            assertThat(strings(connection, "SELECT indexname FROM pg_indexes WHERE tablename = 'session_chains'"))
                    .containsExactly("session_chains_pkey");
            assertThat(strings(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'sessions'"))
                    .anySatisfy(index -> assertThat(index).contains("sessions_customer_session")
                            .contains("(customer_id, id)"))
                    .noneSatisfy(index -> assertThat(index).contains("sessions_customer_id "))
                    .anySatisfy(index -> assertThat(index).contains("sessions_revoked_at")
                            .endsWith("(revoked_at_ms) WHERE (revoked_at_ms IS NOT NULL)"));
        }
    }

    @ParameterizedTest(name = "{0}, statistics gathered: {1}")
    @CsvSource({"force_generic_plan, false", "force_custom_plan, false", "force_generic_plan, true",
            "force_custom_plan, true"})
    void on_postgresql_the_hot_statements_find_the_session_by_its_id_never_by_its_revocation(String planCacheMode,
                                                                                            boolean analyzed)
            throws SQLException {
        try (MigratedPostgres postgres = MigratedPostgres.open()) {
            Connection connection = postgres.connection();
            Statement statement = postgres.statement();
            insertLiveSessions(statement);
            if (analyzed) {
                statement.execute("ANALYZE sessions");
            }
            statement.execute("SET plan_cache_mode = " + planCacheMode);
            statement.execute("PREPARE find_with_customer(bigint, varchar) AS "
                    + numbered(SessionStatements.FIND_WITH_CUSTOMER));
            statement.execute("PREPARE rotate(varchar, varchar, bigint, varchar, varchar, bigint, varchar, varchar) AS "
                    + numbered(SessionStatements.ROTATE));
            statement.execute("PREPARE revoke_owned(bigint, varchar, bigint, varchar) AS "
                    + numbered(SessionStatements.REVOKE_OWNED));
            statement.execute("PREPARE revoke_owned_chain(bigint, varchar) AS "
                    + numbered(SessionStatements.REVOKE_OWNED_CHAIN));

            for (String execution : List.of("find_with_customer(5, 'customer-1')", "revoke_owned(1, 'LOGOUT', 5, 'customer-1')")) {
                assertThat(plan(connection, "EXECUTE " + execution))
                        .as(execution)
                        .containsAnyOf("sessions_pkey", "sessions_customer_session")
                        .doesNotContain("sessions_revoked_at")
                        .doesNotContain("Seq Scan");
            }
            for (String execution : List.of("find_with_customer(5, 'customer-1')",
                    "rotate('j5', 'new', 1, 'r', NULL, 5, 'customer-1', 'j5')", "revoke_owned_chain(5, 'customer-1')")) {
                assertThat(plan(connection, "EXECUTE " + execution))
                        .as(execution)
                        .contains("session_chains_pkey")
                        .doesNotContain("Seq Scan");
            }
            statement.execute("PREPARE live_sessions_of(varchar) AS "
                    + JdbiSessions.LIVE_SESSIONS_OF.replace(":customerId", "$1"));
            assertThat(plan(connection, "EXECUTE live_sessions_of('customer-1')"))
                    .contains("sessions_customer_session")
                    .doesNotContain("Seq Scan");
        }
    }

    /** The control of the test above: its data does make PostgreSQL walk a full index on revocations. */
    @Test
    void on_postgresql_a_full_index_on_revocations_would_be_taken_for_the_revocation() throws SQLException {
        try (MigratedPostgres postgres = MigratedPostgres.open()) {
            Connection connection = postgres.connection();
            Statement statement = postgres.statement();
            statement.execute("CREATE INDEX revoked_at_as_before_migration_5 ON sessions (revoked_at_ms)");
            insertLiveSessions(statement);
            statement.execute("PREPARE revoke_owned(bigint, varchar, bigint, varchar) AS "
                    + numbered(SessionStatements.REVOKE_OWNED));
            assertThat(plan(connection, "EXECUTE revoke_owned(1, 'LOGOUT', 5, 'customer-1')"))
                    .contains("revoked_at_as_before_migration_5");
        }
    }

    @Test
    void on_postgresql_housekeeping_still_finds_revoked_sessions_by_their_revocation() throws SQLException {
        try (MigratedPostgres postgres = MigratedPostgres.open()) {
            Connection connection = postgres.connection();
            Statement statement = postgres.statement();
            statement.execute("INSERT INTO sessions (id, customer_id, application_id, started_at_ms, revoked_at_ms) "
                    + "SELECT g, 'c' || g, 1, 0, CASE WHEN g % 100 = 0 THEN g END FROM generate_series(1, 20000) g");
            statement.execute("ANALYZE sessions");
            // whether the partial index can serve the purge's "revoked_at_ms <= $1" at all, whatever the
            // parameter: a sequential scan stays possible, only made the last resort
            statement.execute("SET enable_seqscan = off");
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE purge(bigint, bigint) AS " + JdbiSessionHousekeeping.POSTGRES_DELETE_REVOKED
                    .replace(":cutOff", "$1").replace(":batch", "$2"));
            assertThat(plan(connection, "EXECUTE purge(500, 100)")).contains("sessions_revoked_at");
        }
    }

    /**
     * A thousand live sessions, none revoked, as a new deployment has them before autovacuum first looks at
     * the table: a full index on revocations is then one page, the cheapest to descend, and a plan that looks
     * for "revoked_at_ms IS NULL" in it walks every session for each revocation (for each rotation, before
     * version 8 moved the rotation to the chains).
     */
    private static void insertLiveSessions(Statement statement) throws SQLException {
        statement.execute("INSERT INTO sessions (id, customer_id, application_id, started_at_ms) "
                + "SELECT g, 'customer-' || (g / 4), 1, 0 FROM generate_series(1, 1000) g");
        statement.execute("INSERT INTO session_chains (id, customer_id, current_jti, rotations, revoked) "
                + "SELECT g, 'customer-' || (g / 4), 'j' || g, 0, FALSE FROM generate_series(1, 1000) g");
    }

    /** A fresh PostgreSQL database, migrated by {@link Database#open}, with a connection of its own. */
    private record MigratedPostgres(Database database, Connection connection, Statement statement)
            implements AutoCloseable {

        static MigratedPostgres open() throws SQLException {
            String url = EmbeddedPostgresServer.newDatabaseUrl();
            Database database = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("postgres").poolSize(2)
                    .build());
            try {
                Connection connection = DriverManager.getConnection(url, "postgres", null);
                return new MigratedPostgres(database, connection, connection.createStatement());
            } catch (SQLException e) {
                database.close();
                throw e;
            }
        }

        @Override
        public void close() throws SQLException {
            try (database; connection; statement) {
                // closed in reverse order: the statement, the connection, then the database's pool
            }
        }
    }

    /** The statement with PostgreSQL's numbered parameters ($1, $2, ...) in place of JDBC's question marks. */
    private static String numbered(String statement) {
        String result = statement;
        for (int number = 1; result.contains("?"); number++) {
            result = result.replaceFirst("\\?", "\\$" + number);
        }
        return result;
    }

    @Test
    void on_h2_a_rotation_updates_a_table_with_no_index_but_its_primary_key_and_lookups_use_primary_keys()
            throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("schema");
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""));
             Connection connection = DriverManager.getConnection(url + ";AUTO_SERVER=TRUE", "sa", "")) {
            assertThat(database.schemaVersion()).isEqualTo(SchemaMigrations.LATEST_VERSION);
            assertThat(strings(connection, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'SESSIONS'"))
                    .contains("SESSIONS_CUSTOMER_ID", "SESSIONS_REVOKED_AT").doesNotContain("SESSIONS_CUSTOMER_SESSION");
            // H2 2.4.240 rewrites an updated row in every index of its table, indexed columns changed or not
            assertThat(strings(connection, "SELECT INDEX_TYPE_NAME FROM INFORMATION_SCHEMA.INDEXES "
                    + "WHERE TABLE_NAME = 'SESSION_CHAINS'")).containsExactly("PRIMARY KEY");
            // one B-tree descent per table, where the index by customer would add a second
            assertThat(plan(connection, withLiterals(SessionStatements.FIND_WITH_CUSTOMER, "5", "'c'")))
                    .containsPattern("\"PUBLIC\".\"SESSIONS\" \"S\"\\s+/\\* PUBLIC.PRIMARY_KEY")
                    .containsPattern("\"PUBLIC\".\"SESSION_CHAINS\" \"H\"\\s+/\\* PUBLIC.PRIMARY_KEY");
            assertThat(plan(connection, withLiterals(SessionStatements.ROTATE, "'old'", "'new'", "1", "'r'", "'d'", "5", "'c'",
                    "'old'"))).contains("/* PUBLIC.PRIMARY_KEY");
            assertThat(plan(connection, withLiterals(SessionStatements.REVOKE_OWNED_CHAIN, "5", "'c'")))
                    .contains("/* PUBLIC.PRIMARY_KEY");
            assertThat(plan(connection, JdbiSessions.LIVE_SESSIONS_OF.replace(":customerId", "'c'")))
                    .contains("/* PUBLIC.SESSIONS_CUSTOMER_ID");
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
