package dev.customertokens.adapters.persistence.migration;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations 6 to 8 move each existing session's chain (what a rotation changes) to {@code session_chains}:
 * a deployment upgraded from version 5 keeps every session as it was, field for field, and its tokens go on
 * rotating, or stay refused where the session was revoked; on H2, whose DDL commits statement by statement,
 * a move interrupted half-way is finished by the next start.
 */
class SessionChainsMigrationTest {

    private static final CustomerId CUSTOMER = CustomerId.of("0da5a3f0-a354-4c04-8438-f1389c19a3f7");
    private static final Instant LOGIN = Instant.parse("2026-11-30T10:00:00.123Z");
    private static final Instant ROTATED = Instant.parse("2026-11-30T11:00:00.456Z");
    private static final Instant REVOKED = Instant.parse("2026-11-30T12:00:00.789Z");
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    /** A live session never rotated, a live one rotated twice on a new device, a revoked one. */
    private static final List<Session> AT_VERSION_5 = List.of(
            new Session(SessionId.of(1), CUSTOMER, ApplicationId.of(15), null, LOGIN, "jti-1", null, null, null, 0,
                    null, null),
            new Session(SessionId.of(2), CUSTOMER, ApplicationId.of(20), "iphone-15-a1b2", LOGIN, "jti-2c", "jti-2b",
                    ROTATED, "request-2", 2, null, null),
            new Session(SessionId.of(3), CustomerId.of("other-customer"), ApplicationId.of(15), "pixel-9", LOGIN,
                    "jti-3b", "jti-3a", ROTATED, "request-3", 1, REVOKED, RevocationReason.REUSE_DETECTED));

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void sessions_of_version_5_are_kept_field_for_field_and_rotate_as_before(String databaseKind) throws SQLException {
        FreshDatabase fresh = FreshDatabase.of(databaseKind, directory.resolve("upgraded"));
        String url = fresh.url();
        String user = fresh.user();
        String password = fresh.password();
        migrateTo(url, user, password, "5");
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            insertAsVersion5(connection);
        }

        try (Database database = Database.open(DatabaseSettings.of(url, user, password))) {
            assertThat(database.schemaVersion()).isEqualTo(SchemaMigrations.LATEST_VERSION);
            Sessions sessions = database.sessions();
            for (Session session : AT_VERSION_5) {
                assertThat(sessions.find(session.id())).contains(session);
            }
            assertThat(sessions.listOf(CUSTOMER)).containsExactly(AT_VERSION_5.get(0), AT_VERSION_5.get(1));

            assertThat(sessions.rotate(new Rotation(SessionId.of(2), CUSTOMER, "jti-2c", "jti-2d", NOW,
                    RequestId.of("request-after-upgrade"), null))).isTrue();
            Session rotated = sessions.find(SessionId.of(2)).orElseThrow();
            assertThat(rotated.rotations()).isEqualTo(3);
            assertThat(rotated.previousJti()).isEqualTo("jti-2c");
            assertThat(rotated.deviceUuid()).isEqualTo("iphone-15-a1b2");
            assertThat(sessions.rotate(new Rotation(SessionId.of(3), CustomerId.of("other-customer"), "jti-3b", "jti-3c",
                    NOW, RequestId.of("request-after-upgrade"), null))).as("revoked before the upgrade").isFalse();
        }
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            assertThat(columnsOf(connection, "sessions")).containsExactlyInAnyOrder("id", "customer_id",
                    "application_id", "started_at_ms", "revoked_at_ms", "revocation_reason", "dpop_jkt");
        }
    }

    @Test
    void on_h2_a_move_interrupted_half_way_runs_again_to_the_end() throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("interrupted");
        migrateTo(url, "sa", "", "7");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            insertAsVersion5(connection);
            // what a run killed after copying part of the chains leaves committed (each DDL statement commits on H2)
            statement.execute("INSERT INTO session_chains (id, customer_id, current_jti, rotations, revoked) "
                    + "VALUES (1, 'copied-before-the-kill', 'stale', 0, FALSE)");
        }
        // the move runs to its end (a later version's changes come only after it)
        migrateTo(url, "sa", "", "8");

        // the columns moved, but the history never recorded it: the next start runs it again, with nothing to do
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '8'");
        }
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            assertThat(database.schemaVersion()).isEqualTo(SchemaMigrations.LATEST_VERSION);
            for (Session session : AT_VERSION_5) {
                assertThat(database.sessions().find(session.id())).contains(session);
            }
        }
    }

    private static void migrateTo(String url, String user, String password, String version) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .javaMigrations(SchemaMigrations.JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
                .target(version)
                .load()
                .migrate();
    }

    private static void insertAsVersion5(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO sessions (id, customer_id, application_id, device_uuid, started_at_ms, "
                    + "current_jti, previous_jti, rotated_at_ms, rotation_request_id, rotations, revoked_at_ms, "
                    + "revocation_reason) VALUES "
                    + "(1, '" + CUSTOMER.value() + "', 15, NULL, " + LOGIN.toEpochMilli()
                    + ", 'jti-1', NULL, NULL, NULL, 0, NULL, NULL), "
                    + "(2, '" + CUSTOMER.value() + "', 20, 'iphone-15-a1b2', " + LOGIN.toEpochMilli()
                    + ", 'jti-2c', 'jti-2b', " + ROTATED.toEpochMilli() + ", 'request-2', 2, NULL, NULL), "
                    + "(3, 'other-customer', 15, 'pixel-9', " + LOGIN.toEpochMilli() + ", 'jti-3b', 'jti-3a', "
                    + ROTATED.toEpochMilli() + ", 'request-3', 1, " + REVOKED.toEpochMilli() + ", 'REUSE_DETECTED')");
        }
    }

    private static List<String> columnsOf(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, null, null, null)) {
            while (rs.next()) {
                // H2's INFORMATION_SCHEMA has a SESSIONS table of its own
                if (rs.getString("TABLE_SCHEM").equalsIgnoreCase("public") && rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }
}
