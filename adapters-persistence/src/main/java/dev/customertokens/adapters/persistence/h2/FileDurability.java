package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.Durability;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * How writes to an H2 file become durable in this process: the first opening of an embedded file owns its
 * journal ({@link RotationJournal}) and compacts the file while idle; any other opening (a command beside
 * {@code serve}), and every process reaching the file through an H2 server, waits for checkpoints
 * ({@link CheckpointGroupCommit}). Closing this closes both.
 */
public final class FileDurability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileDurability.class);

    private final Durability durability;
    /** Null unless this process owns the journal and the file's store. */
    private final IdleFileCompaction compaction;

    private FileDurability(Durability durability, IdleFileCompaction compaction) {
        this.durability = durability;
        this.compaction = compaction;
    }

    /**
     * Takes the file's journal if no other process has it, else makes writes durable by checkpoints.
     *
     * @param url               the embedded file's URL
     * @param connections       where the journal's replay and the checkpoints get their connections
     * @param pool              the repositories' connections: one tells whether the file's store is in this process
     * @param maxWait           the longest a write waits to become durable
     * @param checkpointBatches told how many writes each checkpoint made durable
     * @param power             whether a write must survive a power loss: records and checkpoints synced
     */
    public static FileDurability choose(String url, ConnectionOpener connections, DataSource pool, Duration maxWait,
                                        IntConsumer checkpointBatches, boolean power) {
        CheckpointGroupCommit checkpoints = new CheckpointGroupCommit(connections, maxWait, checkpointBatches, power);
        RotationJournal journal;
        try {
            Path journalDirectory = Path.of(H2Urls.h2FilePath(url) + RotationJournal.DIRECTORY_SUFFIX);
            Optional<RotationJournal> owned = RotationJournal.openIfFree(journalDirectory, journalFiles(url),
                    connections, checkpoints, maxWait, power);
            if (owned.isEmpty()) {
                LOG.info("another process owns the journal of {}; this one makes its writes durable by checkpoints",
                        journalDirectory);
                return new FileDurability(checkpoints, null);
            }
            journal = owned.get();
        } catch (RuntimeException e) {
            checkpoints.close();
            throw e;
        }
        try {
            return new FileDurability(journal, idleFileCompaction(pool, journal));
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** The disk, unless the file is on an H2 file system that keeps journals too (a test's, failing on demand). */
    private static JournalFiles journalFiles(String url) {
        return H2Urls.fileSystemPath(url) instanceof JournalFiles files ? files : JournalFiles.ON_DISK;
    }

    /**
     * Writes through an H2 server ({@code jdbc:h2:tcp:}): durable once a checkpoint through it returned (synced to
     * the server's disk when {@code power}).
     */
    public static FileDurability throughServer(ConnectionOpener connections, Duration maxWait,
                                               IntConsumer checkpointBatches, boolean power) {
        return new FileDurability(new CheckpointGroupCommit(connections, maxWait, checkpointBatches, power), null);
    }

    /** For the journal's owner only: the first opening of the file, whose store is in this process. */
    private static IdleFileCompaction idleFileCompaction(DataSource pool, RotationJournal journal) {
        try (Connection connection = pool.getConnection()) {
            return IdleFileCompaction.startIfLocal(connection, journal::writesSoFar).orElse(null);
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }

    public Durability durability() {
        return durability;
    }

    /** Readiness: empty unless this process owns the journal and it cannot be written (tried again first). */
    public Optional<String> problem() {
        return durability instanceof RotationJournal journal ? journal.problem() : Optional.empty();
    }

    /** Whether this process compacts the file while idle. */
    public boolean compactsWhileIdle() {
        return compaction != null;
    }

    /** Stops the compaction, then makes what is left durable and lets the journal go. */
    @Override
    public void close() {
        try {
            if (compaction != null) {
                compaction.close();
            }
        } finally {
            durability.close();
        }
    }
}
