package dev.customertokens.adapters.persistence.h2;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gives the embedded file's free space back once the service is idle, without a restart
 * ({@code docs/decisions/0007-idle-file-compaction.md}). Every {@link #PERIOD} it looks whether this
 * process's repositories wrote since its last look; if not, it spends up to {@link #STEP_BUDGET_MILLIS} in
 * rounds of H2's own {@link MVStore#compact(int, int)}, each ended by an ordinary commit. A write ends a step
 * after the round under way; after {@link #PATIENCE} steps with no new low, none until the next write. Only
 * the process whose store holds the file runs it.
 */
final class IdleFileCompaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdleFileCompaction.class);
    /** The look after a write finds it and does nothing, so compaction begins 5 to 10 s after the last write. */
    static final Duration PERIOD = Duration.ofSeconds(5);
    /** Checked after each round, so a step may last a round longer. */
    static final int STEP_BUDGET_MILLIS = 500;
    /**
     * H2 compacts while the live share of all its chunks together is below this (its own
     * {@code AUTO_COMPACT_FILL_RATE}); each round then rewrites the sparsest chunks first.
     */
    static final int COMPACT_WHILE_CHUNKS_FILLED_BELOW = 90;
    /** The live pages one round rewrites at most. */
    static final int ROUND_BYTES = 4 << 20;
    /**
     * The file's size goes down and up again as chunks are rewritten (a new chunk may land at the end before the
     * old ones are freed), so compaction ends only after this many steps in a row brought no new low.
     */
    static final int PATIENCE = 3;

    /** What one look at the store did. */
    enum Step {
        /** Something was written since the last look, or during this step: nothing more done. */
        BUSY,
        /** Idle, and a step of compaction took the file below its smallest size since the last write. */
        SHRANK,
        /** Idle, and a step of compaction did not: another follows at the next look. */
        NO_SMALLER,
        /** Idle, and {@link #PATIENCE} steps in a row did not: no more until the next write. */
        SETTLED,
        /** Idle, and settled before: nothing done. */
        QUIET,
        /** The store is closed. */
        CLOSED
    }

    private final MVStore store;
    private final LongSupplier writesSoFar;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closing;
    private long writesSeen = -1;
    /** The smallest the file was since the last write. */
    private long smallestFile = Long.MAX_VALUE;
    /** The file's size at the first quiet look since the last write; -1 while writes go on. */
    private long fileWhenIdleBegan = -1;
    private int looksWithoutProgress;

    /** A compaction that looks only when told to ({@link #look}), for tests. */
    IdleFileCompaction(MVStore store, LongSupplier writesSoFar) {
        this(store, writesSoFar, null);
    }

    private IdleFileCompaction(MVStore store, LongSupplier writesSoFar, ScheduledExecutorService scheduler) {
        this.store = store;
        this.writesSoFar = writesSoFar;
        this.scheduler = scheduler;
    }

    /**
     * Starts looking every {@link #PERIOD}, if {@code connection} is a connection to an H2 file database whose
     * store lives in this process; empty otherwise (an in-memory database, or one reached through a server).
     *
     * @param writesSoFar how many writes this process's repositories made so far
     */
    static Optional<IdleFileCompaction> startIfLocal(Connection connection, LongSupplier writesSoFar) throws SQLException {
        Optional<MVStore> store = localFileStore(connection);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "customer-tokens-file-compaction");
            thread.setDaemon(true);
            return thread;
        });
        IdleFileCompaction compaction = new IdleFileCompaction(store.get(), writesSoFar, scheduler);
        long period = PERIOD.toMillis();
        scheduler.scheduleWithFixedDelay(compaction::lookQuietly, period, period, TimeUnit.MILLISECONDS);
        return Optional.of(compaction);
    }

    static Optional<MVStore> localFileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
    }

    private void lookQuietly() {
        try {
            if (look() == Step.CLOSED) {
                if (!closing) {
                    LOG.error("the embedded database's store closed while the service runs; its file is no longer compacted");
                }
                scheduler.shutdown();
            }
        } catch (Throwable e) {
            // a Throwable escaping would cancel every later look without a word; H2 closes its store itself when
            // one of its own operations fails, and the next look then reports that
            LOG.error("compacting the embedded database file failed", e);
        }
    }

    /** One look: compacts for up to {@link #STEP_BUDGET_MILLIS} if nothing was written since the previous look. */
    synchronized Step look() {
        if (store.isClosed()) {
            return Step.CLOSED;
        }
        if (wroteSinceLastLook()) {
            smallestFile = Long.MAX_VALUE;
            fileWhenIdleBegan = -1;
            looksWithoutProgress = 0;
            return Step.BUSY;
        }
        if (looksWithoutProgress >= PATIENCE) {
            return Step.QUIET;
        }
        if (fileWhenIdleBegan < 0) {
            fileWhenIdleBegan = store.getFileStore().size();
        }
        long before = Math.min(smallestFile, store.getFileStore().size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_BUDGET_MILLIS);
        do {
            if (!compactRound()) {
                break;
            }
            smallestFile = Math.min(smallestFile, store.getFileStore().size());
            if (wroteSinceLastLook()) {
                // the service is busy again: stop here, and let the next look tell whether it still is
                looksWithoutProgress = 0;
                return Step.BUSY;
            }
        } while (System.nanoTime() < deadline);
        long after = store.getFileStore().size();
        looksWithoutProgress = smallestFile < before ? 0 : looksWithoutProgress + 1;
        LOG.debug("compacted the embedded database file while idle: {} -> {} bytes", before, after);
        if (looksWithoutProgress < PATIENCE) {
            return looksWithoutProgress == 0 ? Step.SHRANK : Step.NO_SMALLER;
        }
        if (after < fileWhenIdleBegan) {
            LOG.info("the embedded database file gave back {} MiB while idle; it is {} MiB",
                    (fileWhenIdleBegan - after) >> 20, after >> 20);
        }
        return Step.SETTLED;
    }

    private boolean wroteSinceLastLook() {
        long writes = writesSoFar.getAsLong();
        boolean wrote = writes != writesSeen;
        writesSeen = writes;
        return wrote;
    }

    /**
     * Rewrites the live pages of the sparsest chunks into new chunks, which H2 places in the first holes of the
     * file, and commits them; that commit frees the chunks emptied and cuts off a free end of the file.
     *
     * @return false when there was nothing to rewrite, or H2's store lock stayed taken for the 10 ms H2 waits
     */
    boolean compactRound() {
        if (!store.compact(COMPACT_WHILE_CHUNKS_FILLED_BELOW, ROUND_BYTES)) {
            return false;
        }
        store.commit();
        return true;
    }

    /** Waits for a step under way to end: H2 must not be interrupted in the middle of its file operations. */
    @Override
    public void close() {
        closing = true;
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a compaction step of the embedded database file did not end within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
