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
 * How writes to an H2 file become durable in this process: the process whose JVM holds the embedded file's store
 * owns its journal ({@link RotationJournal}), if no other has it, and compacts the file while idle; any other (a
 * command beside {@code serve}, a process reaching the file through another's automatic server or an H2 server)
 * waits for checkpoints ({@link CheckpointGroupCommit}). Closing this closes both.
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
     * Takes the file's journal if this process holds the file's store and no other process has the journal, else
     * makes writes durable by checkpoints. A process reaching the file through another's automatic server must not
     * journal: its records would be replayed only when it opens the file again, while the store that lost them is
     * another process's. It replays what an earlier owner left, though, so that nothing that owner acknowledged
     * stays missing while another process holds the file.
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
        Path journalDirectory = journalDirectory(url);
        if (!holdsTheStore(pool)) {
            replayWhatAnOwnerLeft(journalDirectory, url, connections, maxWait, power);
            LOG.info("another process holds the file {}; this one makes its writes durable by checkpoints",
                    H2Urls.h2FilePath(url));
            return new FileDurability(new CheckpointGroupCommit(connections, maxWait, checkpointBatches, power), null);
        }
        CheckpointGroupCommit checkpoints = new CheckpointGroupCommit(connections, maxWait, checkpointBatches, power);
        RotationJournal journal;
        try {
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

    /** The folder of the journal of the embedded file {@code url} names, beside the file. */
    static Path journalDirectory(String url) {
        return Path.of(H2Urls.h2FilePath(url) + RotationJournal.DIRECTORY_SUFFIX);
    }

    /** Whether the file's store is in this process, rather than reached through another's automatic server. */
    private static boolean holdsTheStore(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return IdleFileCompaction.localFileStore(connection).isPresent();
        } catch (SQLException e) {
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
    }

    /**
     * Takes the journal for a moment if no process has it: what an earlier owner left is applied through the
     * process that holds the file, checkpointed into the file, and the journal let go again.
     */
    private static void replayWhatAnOwnerLeft(Path journalDirectory, String url, ConnectionOpener connections,
                                              Duration maxWait, boolean power) {
        CheckpointGroupCommit checkpoints = new CheckpointGroupCommit(connections, maxWait, writes -> { }, power);
        Optional<RotationJournal> free;
        try {
            free = RotationJournal.openIfFree(journalDirectory, journalFiles(url), connections, checkpoints, maxWait,
                    power);
        } catch (RuntimeException e) {
            checkpoints.close();
            throw e;
        }
        free.ifPresentOrElse(RotationJournal::close, checkpoints::close);
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
