package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.application.port.out.StorageOutcomeUnknownException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Power mode's group sync of the journal ({@link JournalWriter}): whichever waiter finds no sync under way leads
 * one, which covers every record appended before it, and the others wait for its outcome. It runs under the
 * writer's lock, which a leader lets go while it syncs. A failure of the journal after a record was appended voids
 * every sync's outcome for that record: its writer is refused, and the record is cut off before the next one.
 */
final class JournalSyncGroup {

    /** What the group reads of its writer, always under the writer's lock. */
    interface Journal {
        JournalSegment current();

        /** How far the journal reached: the bytes ever appended, over every segment. */
        long appended();

        /** How many times the journal failed so far. */
        long failures();

        IOException failure();

        void fail(IOException e);
    }

    private final ReentrantLock lock;
    private final Condition synced;
    private final Journal journal;
    private final long maxWaitNanos;
    /** Everything appended up to this position is on the disk. */
    private long durable;
    /** The segment a sync is under way on, if any; its file is not closed meanwhile. */
    private JournalSegment syncing;
    /** Writers between their record and its sync's outcome: a failure's cut waits for them. */
    private int waiting;

    JournalSyncGroup(ReentrantLock lock, Journal journal, Duration maxWait) {
        this.lock = lock;
        this.synced = lock.newCondition();
        this.journal = journal;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Under the lock: a writer appended its record and will {@link #await} it. */
    void join() {
        waiting++;
    }

    /** Under the lock: whether no writer awaits a sync's outcome. */
    boolean idle() {
        return waiting == 0;
    }

    /** Under the lock: everything appended so far is on the disk (synced by the writer itself). */
    void syncedUpTo(long position) {
        durable = Math.max(durable, position);
        synced.signalAll();
    }

    /** Under the lock: wakes the waiters, to look at a failure. */
    void wake() {
        synced.signalAll();
    }

    /**
     * Returns (the lock not held) once {@code position} is on the disk, leading a sync when none is under way.
     *
     * @throws StorageOutcomeUnknownException when the journal failed since the record was appended
     */
    void await(long position, long failuresBefore) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + maxWaitNanos;
            while (durable < position) {
                if (journal.failures() != failuresBefore) {
                    throw new StorageOutcomeUnknownException("the journal record could not be synced to the disk",
                            journal.failure());
                }
                if (syncing == null) {
                    syncCurrent();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // a disk this slow is failing: the records behind this sync are cut, not left to be replayed
                    journal.fail(new IOException("the journal was not synced within "
                            + Duration.ofNanos(maxWaitNanos).toMillis() + " ms"));
                    continue;
                }
                synced.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            journal.fail(new IOException("interrupted while the journal was synced", e));
            throw new StorageOutcomeUnknownException("interrupted while the journal was synced", e);
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    /** Syncs the current segment with the lock let go meanwhile; a failure in between voids its outcome. */
    private void syncCurrent() {
        JournalSegment segment = journal.current();
        long target = journal.appended();
        long bytes = segment.bytes;
        long failuresBefore = journal.failures();
        syncing = segment;
        lock.unlock();
        IOException failed = null;
        try {
            segment.file.sync();
        } catch (IOException e) {
            failed = e;
        } finally {
            lock.lock();
            syncing = null;
        }
        if (journal.failures() == failuresBefore) {
            if (failed == null) {
                durable = Math.max(durable, target);
                segment.intactBytes = Math.max(segment.intactBytes, bytes);
            } else {
                journal.fail(failed);
            }
        }
        synced.signalAll();
    }

    /** Under the lock: returns once no sync is under way on {@code segment}. */
    void awaitNoSyncOn(JournalSegment segment) {
        while (syncing == segment) {
            synced.awaitUninterruptibly();
        }
    }
}
