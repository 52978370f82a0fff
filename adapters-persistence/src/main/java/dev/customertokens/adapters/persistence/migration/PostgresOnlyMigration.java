package dev.customertokens.adapters.persistence.migration;

import dev.customertokens.adapters.persistence.repository.Dialect;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A migration that changes the schema on PostgreSQL only, for what H2 lacks (fill factors, partial indexes)
 * or does not need. It is recorded on H2 too, as done with nothing to do, so that both databases report the
 * same schema version. A Java migration, because the same SQL files run on both databases.
 */
abstract class PostgresOnlyMigration extends VersionedJavaMigration {

    private final List<String> statements;

    PostgresOnlyMigration(String version, String description, List<String> statements) {
        super(version, description);
        this.statements = List.copyOf(statements);
    }

    /** A checksum for the history table, so that a changed migration is noticed as a changed SQL file would be. */
    @Override
    public Integer getChecksum() {
        return (getDescription() + String.join(";", statements)).hashCode();
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (Dialect.of(connection) != Dialect.POSTGRESQL) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
