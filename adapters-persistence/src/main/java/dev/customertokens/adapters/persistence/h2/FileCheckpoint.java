package dev.customertokens.adapters.persistence.h2;

import org.h2.mvstore.MVStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A checkpoint that has reached the embedded file when it returns. H2's {@code CHECKPOINT} stores what is
 * unsaved, but returns at once when a store its background writer began is still being written by H2's own
 * threads; where the store is in this process, this also waits for that store, and with {@code sync} forces
 * the file to the disk afterwards ({@code docs/decisions/0004-checkpoint-group-commit.md}).
 */
final class FileCheckpoint {

    private FileCheckpoint() {
    }

    static void run(Connection connection, boolean sync) throws SQLException {
        Optional<MVStore> local = IdleFileCompaction.localFileStore(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sync && local.isEmpty() ? "CHECKPOINT SYNC" : "CHECKPOINT");
        }
        if (local.isPresent()) {
            MVStore store = local.get();
            // H2 serialises and writes its stores on one thread each: an empty operation queued behind them
            // returns once every earlier store is in the file
            store.executeFilestoreOperation(() -> { });
            if (sync) {
                store.sync();
            }
        }
    }
}
