package dev.customertokens.adapters.persistence.migration;

import dev.customertokens.adapters.persistence.repository.Dialect;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Version 8: every existing session's chain moves to {@code session_chains} (version 6), and its columns
 * leave {@code sessions}, dropped in one statement that the two databases spell differently. On H2, where
 * every DDL statement commits, a run killed half-way cannot roll back, so it can be run again: while
 * {@code sessions} still has the columns, it copies the chains afresh and drops them; once they are gone,
 * it has nothing to do. On PostgreSQL it runs in the migration's transaction, all or nothing.
 */
final class SessionChainsMigration extends VersionedJavaMigration {

    private static final List<String> MOVED_COLUMNS = List.of("device_uuid", "current_jti", "previous_jti", "rotated_at_ms",
            "rotation_request_id", "rotations");
    private static final String COPY = "INSERT INTO session_chains (id, customer_id, " + String.join(", ", MOVED_COLUMNS)
            + ", revoked) SELECT id, customer_id, " + String.join(", ", MOVED_COLUMNS)
            + ", revoked_at_ms IS NOT NULL FROM sessions";
    private static final String H2_DROP = "ALTER TABLE sessions DROP COLUMN (" + String.join(", ", MOVED_COLUMNS) + ")";
    private static final String POSTGRES_DROP = "ALTER TABLE sessions DROP COLUMN "
            + String.join(", DROP COLUMN ", MOVED_COLUMNS);
    private static final String STILL_TO_MOVE = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS "
            + "WHERE LOWER(TABLE_SCHEMA) = LOWER(CURRENT_SCHEMA) AND LOWER(TABLE_NAME) = 'sessions' "
            + "AND LOWER(COLUMN_NAME) = 'current_jti'";

    SessionChainsMigration() {
        super("8", "session chains moved out of sessions");
    }

    @Override
    public Integer getChecksum() {
        return (getDescription() + COPY + H2_DROP + POSTGRES_DROP).hashCode();
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            if (!stillToMove(statement)) {
                return;
            }
            // an earlier, interrupted run may have copied some: the columns still hold every chain
            statement.executeUpdate("DELETE FROM session_chains");
            statement.executeUpdate(COPY);
            statement.execute(Dialect.of(connection) == Dialect.POSTGRESQL ? POSTGRES_DROP : H2_DROP);
        }
    }

    private static boolean stillToMove(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(STILL_TO_MOVE)) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }
}
