package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.Durability;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Makes commits to an embedded H2 file reach the file, one {@code CHECKPOINT} for many commits
 * ({@code docs/decisions/0004-checkpoint-group-commit.md}): a thread on a connection of its own checkpoints
 * whenever someone waits, and each waiter returns once a checkpoint that started after its call has
 * written the file. Waiters hold no pooled connection, and wait no longer than their bound. Like H2's
 * {@code WRITE_DELAY=0}, it survives a killed process; with {@code sync}, each checkpoint also forces the file to
 * the disk ({@code CHECKPOINT SYNC}), and survives a power loss.
 */
final class CheckpointGroupCommit implements Durability {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointGroupCommit.class);

    private final ConnectionOpener connections;
    private final long maxWaitNanos;
    private final IntConsumer batchSizes;
    private final boolean sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wanted = lock.newCondition();
    private final Condition finished = lock.newCondition();
    private final Thread flusher;
    private long requestedGeneration;
    private long startedGeneration;
    private long finishedGeneration;
    private long durableGeneration;
    private int waitersForNext;
    private Throwable lastFailure;
    private boolean closed;
    private Connection connection;

    /**
     * @param batchSizes told, after each successful checkpoint, how many waiters it covered
     * @param sync       whether each checkpoint forces the file to the disk
     */
    CheckpointGroupCommit(ConnectionOpener connections, Duration maxWait, IntConsumer batchSizes, boolean sync) {
        this.connections = connections;
        this.sync = sync;
        this.maxWaitNanos = maxWait.toNanos();
        this.batchSizes = batchSizes;
        this.flusher = new Thread(this::flushWhileOpen, "customer-tokens-checkpoint");
        flusher.setDaemon(true);
        flusher.start();
    }

    @Override
    public void afterCommit(Pending pending, boolean committed) {
        if (committed) {
            awaitCheckpoint();
        }
    }

    @Override
    public void awaitVisibleCommits() {
        awaitCheckpoint();
    }

    @Override
    public void afterUnjournaledWrite() {
        awaitCheckpoint();
    }

    /** Returns once a checkpoint that started after this call has written the file. */
    void awaitCheckpoint() {
        lock.lock();
        try {
            if (closed) {
                throw new StorageOutcomeUnknownException("the database closed before the write reached its file", null);
            }
            long target = startedGeneration + 1;
            waitersForNext++;
            if (requestedGeneration < target) {
                requestedGeneration = target;
                wanted.signal();
            }
            long left = maxWaitNanos;
            while (finishedGeneration < target) {
                if (left <= 0) {
                    throw new StorageOutcomeUnknownException("the write was committed, but the database file was not "
                            + "written within " + Duration.ofNanos(maxWaitNanos).toMillis() + " ms", null);
                }
                try {
                    left = finished.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageOutcomeUnknownException("interrupted while the write was reaching the file", e);
                }
            }
            if (durableGeneration < target) {
                throw new StorageOutcomeUnknownException("the write was committed, but writing the database file failed",
                        lastFailure);
            }
        } finally {
            lock.unlock();
        }
    }

    private void flushWhileOpen() {
        while (true) {
            long generation;
            int batch;
            lock.lock();
            try {
                while (requestedGeneration <= startedGeneration && !closed) {
                    wanted.awaitUninterruptibly();
                }
                if (requestedGeneration <= startedGeneration) {
                    return;
                }
                generation = ++startedGeneration;
                batch = waitersForNext;
                waitersForNext = 0;
            } finally {
                lock.unlock();
            }
            Throwable failure = checkpoint();
            lock.lock();
            try {
                finishedGeneration = generation;
                if (failure == null) {
                    durableGeneration = generation;
                } else {
                    lastFailure = failure;
                }
                finished.signalAll();
            } finally {
                lock.unlock();
            }
            if (failure == null) {
                batchSizes.accept(batch);
            }
        }
    }

    private Throwable checkpoint() {
        try {
            if (connection == null) {
                connection = connections.open();
            }
            FileCheckpoint.run(connection, sync);
            return null;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("checkpoint of the embedded database failed: {}", e.toString());
            closeConnectionQuietly();
            return e;
        }
    }

    private void closeConnectionQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being replaced or dropped anyway
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wanted.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnectionQuietly();
    }
}
