package dev.customertokens.adapters.persistence.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A checkpoint that has reached the embedded file when it returns, from the process that holds the file or from
 * another one ({@code docs/decisions/0004-checkpoint-group-commit.md}). H2's {@code CHECKPOINT} returns at once
 * when it finds nothing unsaved, even while a store its background writer began is still on its way to the file;
 * with something unsaved it stores it after that one, and waits. So each checkpoint first changes a temporary table
 * of its own session, which holds nothing else. With {@code sync}, the file is then forced to the disk.
 */
final class FileCheckpoint {

    private static final String CHANGE_SOMETHING = "CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS "
            + "CUSTOMER_TOKENS_CHECKPOINTS (N BIGINT); DELETE FROM CUSTOMER_TOKENS_CHECKPOINTS; "
            + "INSERT INTO CUSTOMER_TOKENS_CHECKPOINTS VALUES (1)";

    private FileCheckpoint() {
    }

    static void run(Connection connection, boolean sync) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CHANGE_SOMETHING);
            statement.execute(sync ? "CHECKPOINT SYNC" : "CHECKPOINT");
        }
    }
}
