package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.Durability;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.adapters.persistence.repository.StorageFaults;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded file's write-ahead journal of hot writes (rotations, and the revocations reuse detection
 * makes), in segment files beside the database ({@code docs/decisions/0003-h2-write-ahead-journal.md}).
 * A record is in the file before its transaction commits (in power mode, synced), so every commit another
 * transaction can see is journalled, in commit order for each session; opening replays every record as the
 * compare-and-set it was. A full segment is deleted once its transactions ended and a checkpoint (synced, in
 * power mode) followed. One process owns the journal (a file lock).
 */
final class RotationJournal implements Durability {

    private static final Logger LOG = LoggerFactory.getLogger(RotationJournal.class);
    /** Appended to the database file's path (without {@code .mv.db}) to name the journal's folder. */
    static final String DIRECTORY_SUFFIX = ".journal";
    private static final String LOCK_FILE = "owner.lock";
    /**
     * Large enough that checkpoints are rare (tens of thousands of records), small enough to replay in a blink; tests
     * make it a few records, to cross rollovers all the time.
     */
    static long segmentBytes = 8L * 1024 * 1024;

    private final Path directory;
    private final JournalFiles files;
    private final FileChannel lockChannel;
    private final FileLock ownership;
    private final CheckpointGroupCommit checkpoints;
    private final long maxWaitNanos;
    private final BlockingQueue<JournalSegment> fullSegments = new LinkedBlockingQueue<>();
    private final JournalWriter writer;
    private final Thread truncator;
    private final LongAdder writes = new LongAdder();
    private volatile boolean closed;

    private RotationJournal(Path directory, JournalFiles files, FileChannel lockChannel, FileLock ownership,
                            CheckpointGroupCommit checkpoints, Duration maxWait, long firstSegment, boolean syncs)
            throws IOException {
        this.directory = directory;
        this.files = files;
        this.lockChannel = lockChannel;
        this.ownership = ownership;
        this.checkpoints = checkpoints;
        this.maxWaitNanos = maxWait.toNanos();
        this.writer = new JournalWriter(directory, files, syncs, maxWait, firstSegment, fullSegments::add);
        this.truncator = new Thread(this::truncateWhileOpen, "customer-tokens-journal-truncate");
        truncator.setDaemon(true);
        truncator.start();
    }

    /**
     * Takes the journal in {@code directory} if no other process has it: replays what an earlier owner
     * left into the database, checkpoints, and starts afresh. Empty when another process owns it.
     *
     * @param checkpoints the group commit for cold writes and for truncation (synced when {@code syncs}); the
     *                    journal closes it
     * @param syncs       power mode: every record synced before its transaction commits
     */
    static Optional<RotationJournal> openIfFree(Path directory, JournalFiles files, ConnectionOpener connections,
                                                CheckpointGroupCommit checkpoints, Duration maxWait, boolean syncs) {
        try {
            files.createDirectory(directory);
            if (syncs && directory.getParent() != null) {
                files.syncDirectory(directory.getParent());
            }
            Optional<FileLock> taken = DiskJournalFiles.tryLockFile(directory.resolve(LOCK_FILE));
            if (taken.isEmpty()) {
                return Optional.empty();
            }
            FileLock ownership = taken.get();
            FileChannel lockChannel = ownership.channel();
            try {
                long next = JournalReplay.replayLeftSegments(directory, connections, syncs);
                return Optional.of(new RotationJournal(directory, files, lockChannel, ownership, checkpoints, maxWait,
                        next, syncs));
            } catch (IOException | SQLException | RuntimeException e) {
                ownership.release();
                lockChannel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + directory, e);
        } catch (SQLException e) {
            throw StorageFaults.translate(new IllegalStateException("cannot replay the journal in " + directory, e));
        }
    }

    @Override
    public boolean journalsInTransaction() {
        return true;
    }

    /**
     * Writes the record to the journal file (in power mode, to the disk); the caller commits only once this returned.
     *
     * @throws StorageUnavailableException when the journal cannot take the record: the caller rolls back, and
     *                                     nothing changed, or (a {@link StorageOutcomeUnknownException}) the
     *                                     write failed part-way, so a restart might still apply the record
     */
    @Override
    public Pending beforeCommit(SessionWrite write) {
        writes.increment();
        return writer.append(new JournalRecord.Change(write).frame());
    }

    /**
     * Ends the record's transaction. One that did not commit is withdrawn first (the caller has not rolled back
     * yet, so no later write of the same rows can be journalled before the withdrawal): replay skips it.
     *
     * @throws StorageOutcomeUnknownException when the withdrawal cannot be written: a restart might apply the record
     */
    @Override
    public void afterCommit(Pending pending, boolean committed) {
        JournalWriter.Appended appended = (JournalWriter.Appended) pending;
        try {
            if (!committed) {
                writer.withdraw(appended);
            }
        } finally {
            appended.segment().openTransactions.decrementAndGet();
        }
    }

    /** Every commit that is visible wrote its record (in power mode, synced it) before it committed. */
    @Override
    public void awaitVisibleCommits() {
    }

    @Override
    public void afterUnjournaledWrite() {
        writes.increment();
        checkpoints.awaitCheckpoint();
    }

    /** Readiness: empty while the journal takes records; a failing one is tried again first. */
    Optional<String> problem() {
        return writer.problem();
    }

    /**
     * The writes of this process's repositories so far, journalled or not: {@link IdleFileCompaction}'s sign
     * that the service is busy (H2's own housekeeping and the compaction's commits do not count).
     */
    long writesSoFar() {
        return writes.sum();
    }

    /** Deletes each full segment once a checkpoint has put all its records in the database file. */
    private void truncateWhileOpen() {
        while (true) {
            JournalSegment segment;
            try {
                segment = fullSegments.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (segment == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            // a transaction that appended to it but has not committed yet would escape the checkpoint
            while (segment.openTransactions.get() > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            try {
                checkpoints.awaitCheckpoint();
                writer.release(segment);
                files.delete(segment.path);
            } catch (RuntimeException | IOException e) {
                LOG.warn("journal segment {} kept for now: {}", segment.path.getFileName(), e.toString());
                fullSegments.add(segment);
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /**
     * Refuses new records, waits (as long as a write may wait) for the transactions that wrote one to end,
     * checkpoints their commits into the database file, and leaves an empty journal. When one is still in flight,
     * or the journal failed, the segments stay, and the next opening replays them.
     */
    @Override
    public void close() {
        closed = true;
        JournalSegment last = writer.close();
        truncator.interrupt();
        joinQuietly(truncator);
        List<JournalSegment> segments = new ArrayList<>(fullSegments);
        segments.add(last);
        try {
            boolean ended = awaitTransactionsEnded(segments);
            boolean clean = ended && !writer.failed();
            if (clean) {
                checkpoints.awaitCheckpoint();
            }
            checkpoints.close();
            for (JournalSegment segment : segments) {
                writer.release(segment);
                if (clean) {
                    files.delete(segment.path);
                }
            }
            ownership.release();
            lockChannel.close();
            if (!ended) {
                LOG.warn("writes were still in flight when the journal in {} closed; it is replayed at the next start",
                        directory);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("the journal in {} was not closed cleanly; it is replayed at the next start: {}", directory, e.toString());
        }
    }

    private boolean awaitTransactionsEnded(List<JournalSegment> segments) {
        long deadline = System.nanoTime() + maxWaitNanos;
        for (JournalSegment segment : segments) {
            while (segment.openTransactions.get() > 0) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        return true;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
