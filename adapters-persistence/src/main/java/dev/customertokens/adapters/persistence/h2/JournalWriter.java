package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.Durability;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Appends the journal's frames to its current segment and rolls to a new one when it is full; in power mode a record
 * is synced before its writer goes on ({@link JournalSyncGroup}). A failed write or sync fails the journal: the frames
 * it may have left half written (in power mode, every frame since the last sync) are cut off before anything else is
 * appended, their writers told, and each later call tries that again, with a probe record, until the disk takes writes.
 */
final class JournalWriter implements JournalSyncGroup.Journal {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    /** Where a record went: its segment, the offset a withdrawal names it by, how far the journal then reached. */
    record Appended(JournalSegment segment, long offset, long position, long failuresBefore)
            implements Durability.Pending {
    }

    private final Path directory;
    private final JournalFiles files;
    private final boolean syncs;
    private final long maxWaitNanos;
    private final Consumer<JournalSegment> full;
    private final ReentrantLock lock = new ReentrantLock();
    private final JournalSyncGroup group;
    /** Records of transactions that did not commit, whose withdrawal a failure kept from the file. */
    private final List<Appended> unwithdrawn = new ArrayList<>();
    private JournalSegment current;
    /** The bytes ever appended, over every segment: a position that never goes back. */
    private long appended;
    private long failures;
    private IOException failure;
    private long nextRollAt;
    private boolean closed;

    /** @param full told of each segment it rolled away from, every record of it written (and synced) */
    JournalWriter(Path directory, JournalFiles files, boolean syncs, Duration maxWait, long firstSegment,
                  Consumer<JournalSegment> full) throws IOException {
        this.directory = directory;
        this.files = files;
        this.syncs = syncs;
        this.maxWaitNanos = maxWait.toNanos();
        this.full = full;
        this.group = new JournalSyncGroup(lock, this, maxWait);
        this.current = JournalSegment.create(files, directory, firstSegment);
        if (syncs) {
            files.syncDirectory(directory);
        }
        this.nextRollAt = RotationJournal.segmentBytes;
    }

    /**
     * Appends the record, and in power mode returns once it is on the disk.
     *
     * @throws StorageUnavailableException when the journal cannot take it; a {@link StorageOutcomeUnknownException}
     *                                     when it may be in the file and a restart might apply it
     */
    Appended append(byte[] frame) {
        Appended appended;
        acquireLock();
        try {
            if (closed) {
                throw new StorageUnavailableException("the database is closing", null);
            }
            if (failure != null && !recover()) {
                throw new StorageUnavailableException("the journal cannot be written", failure);
            }
            JournalSegment segment = current;
            long offset = segment.bytes;
            try {
                write(segment, frame);
            } catch (IOException e) {
                fail(e);
                throw new StorageOutcomeUnknownException("the journal record could not be written", e);
            }
            segment.openTransactions.incrementAndGet();
            appended = new Appended(segment, offset, this.appended, failures);
            if (segment.bytes >= nextRollAt) {
                roll(segment);
            }
            if (!syncs) {
                return appended;
            }
            group.join();
        } finally {
            lock.unlock();
        }
        try {
            group.await(appended.position(), appended.failuresBefore());
            return appended;
        } catch (RuntimeException | Error e) {
            appended.segment().openTransactions.decrementAndGet();
            throw e;
        }
    }

    /**
     * Withdraws a record whose transaction did not commit (in power mode, on the disk before this returns). When it
     * cannot be written, a later recovery writes it before any other record.
     *
     * @throws StorageOutcomeUnknownException when the withdrawal is not in the file: a restart might apply the record
     */
    void withdraw(Appended record) {
        byte[] frame = new JournalRecord.Withdrawal(record.segment().number, record.offset()).frame();
        long position;
        long failuresBefore;
        lock.lock();
        try {
            try {
                if (failure != null) {
                    throw failure;
                }
                write(current, frame);
            } catch (IOException e) {
                fail(e);
                unwithdrawn.add(record);
                throw new StorageOutcomeUnknownException("the journal could not withdraw a record", e);
            }
            if (!syncs) {
                return;
            }
            position = appended;
            failuresBefore = failures;
            group.join();
        } finally {
            lock.unlock();
        }
        try {
            group.await(position, failuresBefore);
        } catch (StorageUnavailableException e) {
            lock.lock();
            try {
                unwithdrawn.add(record);
            } finally {
                lock.unlock();
            }
            throw new StorageOutcomeUnknownException("the journal could not withdraw a record", e);
        }
    }

    private void write(JournalSegment segment, byte[] frame) throws IOException {
        segment.file.append(frame);
        segment.bytes += frame.length;
        appended += frame.length;
        if (!syncs) {
            segment.intactBytes = segment.bytes;
        }
    }

    /** Moves on to a new segment; the full one is synced first in power mode. On failure the full one stays current. */
    private void roll(JournalSegment segment) {
        if (syncs) {
            try {
                segment.file.sync();
            } catch (IOException e) {
                fail(e);
                return;
            }
            segment.intactBytes = segment.bytes;
            group.syncedUpTo(appended);
        }
        JournalSegment next = null;
        try {
            next = JournalSegment.create(files, directory, segment.number + 1);
            if (syncs) {
                files.syncDirectory(directory);
            }
        } catch (IOException e) {
            LOG.warn("journal segment {} stays in use: the next one could not be created: {}",
                    segment.path.getFileName(), e.toString());
            discard(next);
            nextRollAt = segment.bytes + RotationJournal.segmentBytes / 16;
            return;
        }
        current = next;
        nextRollAt = RotationJournal.segmentBytes;
        full.accept(segment);
    }

    private void discard(JournalSegment segment) {
        if (segment != null) {
            try {
                segment.file.close();
                files.delete(segment.path);
            } catch (IOException ignored) {
                // the replay reads an empty segment as one without records
            }
        }
    }

    @Override
    public void fail(IOException e) {
        if (failure == null) {
            LOG.error("the journal in {} cannot be written; writes are refused until it can: {}", directory, e.toString());
        }
        failure = e;
        failures++;
        group.wake();
    }

    @Override
    public JournalSegment current() {
        return current;
    }

    @Override
    public long appended() {
        return appended;
    }

    @Override
    public long failures() {
        return failures;
    }

    @Override
    public IOException failure() {
        return failure;
    }

    /**
     * Cuts the current segment back to what is whole, writes a probe and the withdrawals a failure kept back (synced in
     * power mode), and clears the failure if all that worked. Not while writers still await a sync's outcome.
     */
    private boolean recover() {
        if (!group.idle()) {
            return false;
        }
        JournalSegment segment = current;
        try {
            // a failed write may have left part of its frame, which the segment's length does not count
            segment.file.truncate(segment.intactBytes);
            segment.bytes = segment.intactBytes;
            unwithdrawn.removeIf(record -> record.segment() == segment && record.offset() >= segment.intactBytes);
            write(segment, new JournalRecord.Probe().frame());
            for (Appended record : unwithdrawn) {
                write(segment, new JournalRecord.Withdrawal(record.segment().number, record.offset()).frame());
            }
            if (syncs) {
                segment.file.sync();
                segment.intactBytes = segment.bytes;
                group.syncedUpTo(appended);
            }
        } catch (IOException e) {
            failure = e;
            return false;
        }
        unwithdrawn.clear();
        failure = null;
        LOG.info("the journal in {} can be written again", directory);
        return true;
    }

    /** Readiness: empty while records can be written; tries to recover first. */
    Optional<String> problem() {
        try {
            if (!lock.tryLock(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                return Optional.of("the journal of the embedded database is stuck");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking at the journal");
        }
        try {
            return failure == null || (!closed && recover()) ? Optional.empty()
                    : Optional.of("the journal of the embedded database cannot be written");
        } finally {
            lock.unlock();
        }
    }

    /** Closes a segment's file once no sync is under way on it. */
    void release(JournalSegment segment) throws IOException {
        lock.lock();
        try {
            group.awaitNoSyncOn(segment);
            segment.file.close();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every later record; @return the current segment */
    JournalSegment close() {
        lock.lock();
        try {
            closed = true;
            return current;
        } finally {
            lock.unlock();
        }
    }

    boolean failed() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** Bounded: a journal file stuck on a failing disk turns writers behind it into 503s, not hung workers. */
    private void acquireLock() {
        try {
            if (!lock.tryLock(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new StorageUnavailableException("the journal was not free within "
                        + Duration.ofNanos(maxWaitNanos).toMillis() + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the journal", e);
        }
    }
}
