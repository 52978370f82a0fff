package dev.customertokens.adapters.persistence;

import org.jdbi.v3.core.Handle;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes commits to an embedded H2 file reach the file before the writer goes on, one file write for
 * many commits.
 *
 * <p>H2 offers two choices: write every commit to the file on its own ({@code WRITE_DELAY=0}, where each
 * commit serialises the changed pages again under the store's lock), or write in the background, up
 * to {@code WRITE_DELAY} ms later, which a killed process forgets. This is the classic group commit
 * between the two: the database keeps its background writer, and each writer, after its commit, waits
 * until a {@code CHECKPOINT} (one store write of everything committed so far) has started after that
 * commit and finished. Whoever arrives while no checkpoint runs starts one; whoever arrives during one
 * waits for the next, which covers everyone that waited with it.
 *
 * <p>Like {@code WRITE_DELAY=0} it survives the process being killed, not the machine losing power:
 * neither forces the operating system to the disk.
 */
final class GroupCommit {

    /** For databases that are durable on commit by themselves (PostgreSQL) or not at all (in-memory H2). */
    static final GroupCommit NOT_NEEDED = new GroupCommit(false);

    private final boolean needed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition checkpointDone = lock.newCondition();
    private long commitsSeen;
    private long durableUpTo;
    private boolean checkpointRunning;

    private GroupCommit(boolean needed) {
        this.needed = needed;
    }

    static GroupCommit forEmbeddedFile() {
        return new GroupCommit(true);
    }

    /**
     * Returns once everything {@code handle} has committed is in the file.
     *
     * @param handle the connection that just committed; a checkpoint this call runs uses it
     */
    void awaitDurable(Handle handle) {
        if (!needed) {
            return;
        }
        lock.lock();
        try {
            long commit = ++commitsSeen;
            while (durableUpTo < commit) {
                if (checkpointRunning) {
                    checkpointDone.awaitUninterruptibly();
                } else {
                    runCheckpoint(handle);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held; releases it while the file is written. */
    private void runCheckpoint(Handle handle) {
        checkpointRunning = true;
        long covers = commitsSeen;
        boolean written = false;
        lock.unlock();
        try {
            handle.execute("CHECKPOINT");
            written = true;
        } finally {
            lock.lock();
            checkpointRunning = false;
            if (written) {
                durableUpTo = Math.max(durableUpTo, covers);
            }
            // on failure a waiter takes over and tries again; this caller gets the exception
            checkpointDone.signalAll();
        }
    }
}
