package dev.customertokens.adapters.persistence.postgres;

import dev.customertokens.adapters.persistence.repository.JdbcFailure;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs the requests that arrive while one batch is at the database as the next batch, in one round trip,
 * on a thread of its own ({@code docs/decisions/0008-postgres-statement-coalescing.md}). Every wait is
 * bounded: a request no batch took when its caller stops waiting is withdrawn, never run, and fails as
 * unavailable; a taken one has its batch's outcome. Whatever a batch throws reaches its callers, and the
 * thread goes on; should it end, nothing waits on its queue.
 *
 * @param <Q> a request
 * @param <R> its result
 */
final class StatementCoalescer<Q, R> implements AutoCloseable {

    /** What a batch does with its connection: completes each of its requests, or throws for all of them. */
    @FunctionalInterface
    interface BatchWork<Q, R> {
        void run(Connection connection, List<CoalescedRequest<Q, R>> batch) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StatementCoalescer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final String name;
    private final DataSource dataSource;
    private final BatchWork<Q, R> work;
    private final Function<RuntimeException, RuntimeException> batchFailure;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final IntConsumer batchSizes;
    private final LinkedBlockingQueue<CoalescedRequest<Q, R>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean closeRequested;

    /**
     * @param batchFailure what each request of a batch learns when the batch threw (the failure translated
     *                     as the storage layer translates any other); a connection that cannot be had is
     *                     always {@link StorageUnavailableException}, since nothing was sent
     * @param maxWait      the longest a caller waits, queueing and batch together
     * @param batchSizes   told the size of each batch as it starts
     */
    StatementCoalescer(String name, DataSource dataSource, BatchWork<Q, R> work,
                       Function<RuntimeException, RuntimeException> batchFailure, int maxBatch, Duration maxWait,
                       IntConsumer batchSizes) {
        this.name = name;
        this.dataSource = dataSource;
        this.work = work;
        this.batchFailure = batchFailure;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.batchSizes = batchSizes;
        this.thread = new Thread(this::runBatches, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code value} in the next batch and returns its result.
     *
     * @throws StorageUnavailableException when the wait ended before a batch took the request (it is then
     *                                     never run), or this is closed
     */
    R submit(Q value) {
        if (closed) {
            throw closing();
        }
        CoalescedRequest<Q, R> request = new CoalescedRequest<>(value);
        queue.add(request);
        if (closed) {
            return withdrawOrAwait(request, this::closing);
        }
        try {
            return request.outcome().get(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return withdrawOrAwait(request, () -> new StorageUnavailableException(
                    "the database did not take the statement in time (" + name + ")", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return withdrawOrAwait(request, () -> new StorageUnavailableException(
                    "interrupted before the database took the statement (" + name + ")", e));
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /**
     * A request still queued is withdrawn (nothing done); one a batch took is waited for, since the batch's
     * own statements are bounded (the pool's timeout, the socket's).
     */
    private R withdrawOrAwait(CoalescedRequest<Q, R> request, Supplier<StorageUnavailableException> withdrawn) {
        if (request.withdraw()) {
            throw withdrawn.get();
        }
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return request.outcome().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw (RuntimeException) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runBatches() {
        List<CoalescedRequest<Q, R>> drained = new ArrayList<>(maxBatch);
        List<CoalescedRequest<Q, R>> batch = new ArrayList<>(maxBatch);
        try {
            while (!closed) {
                try {
                    CoalescedRequest<Q, R> first = queue.poll(IDLE_POLL.toNanos(), TimeUnit.NANOSECONDS);
                    if (first == null) {
                        continue;
                    }
                    drained.add(first);
                    queue.drainTo(drained, maxBatch - 1);
                } catch (InterruptedException e) {
                    break;
                }
                for (CoalescedRequest<Q, R> request : drained) {
                    if (request.take()) {
                        batch.add(request);
                    }
                }
                drained.clear();
                if (!batch.isEmpty()) {
                    runBatch(batch);
                    batch.clear();
                }
            }
        } finally {
            // however the thread ends, no caller may wait on a batch or a queue nobody serves
            closed = true;
            failUnfinished(batch, this::closing);
            failQueued(this::closing);
            if (!closeRequested) {
                LOG.error("the {} thread ended: until a restart, refreshes answer 503 unavailable", name);
            }
        }
    }

    private StorageUnavailableException closing() {
        return new StorageUnavailableException("the database is closing (" + name + ")", null);
    }

    /** Runs one batch; whatever happens, each of its requests has an outcome when this returns. */
    private void runBatch(List<CoalescedRequest<Q, R>> batch) {
        try {
            batchSizes.accept(batch.size());
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException | RuntimeException e) {
                // nothing was sent; and the pool has just waited its whole timeout, so the requests queued
                // meanwhile would only wait as long again for the same answer
                failUnfinished(batch, () -> new StorageUnavailableException("the database cannot be reached", e));
                failQueued(() -> new StorageUnavailableException("the database cannot be reached", e));
                return;
            }
            try (connection) {
                work.run(connection, batch);
            } catch (SQLException e) {
                failUnfinished(batch, () -> batchFailure.apply(new JdbcFailure(e)));
            }
        } catch (RuntimeException e) {
            failUnfinished(batch, () -> batchFailure.apply(e));
        } catch (Error e) {
            // e.g. out of memory mid-batch: its statements may have reached the database; the thread goes on
            LOG.error("a batch of {} failed", name, e);
            failUnfinished(batch, () -> batchFailure.apply(new BatchError(name, e)));
        } finally {
            failUnfinished(batch,
                    () -> new IllegalStateException("a batch left a request without an outcome (" + name + ")"));
        }
    }

    /**
     * Fails the requests queued now (not taken, not withdrawn): none of them was run. Those that arrive
     * meanwhile wait for the next batch, or, once this is closed, withdraw themselves.
     */
    private void failQueued(Supplier<RuntimeException> failure) {
        List<CoalescedRequest<Q, R>> queued = new ArrayList<>();
        queue.drainTo(queued);
        for (CoalescedRequest<Q, R> request : queued) {
            if (request.take()) {
                request.fail(failure.get());
            }
        }
    }

    private static <Q, R> void failUnfinished(List<CoalescedRequest<Q, R>> batch, Supplier<RuntimeException> failure) {
        for (CoalescedRequest<Q, R> request : batch) {
            if (!request.outcome().isDone()) {
                request.fail(failure.get());
            }
        }
    }

    /** An {@link Error} that ended a batch, carried to its callers as the batch's failure. */
    static final class BatchError extends RuntimeException {
        BatchError(String name, Error cause) {
            super("the batch failed (" + name + ")", cause);
        }
    }

    /** Requests waiting for a batch to take them. */
    int queued() {
        return queue.size();
    }

    boolean closed() {
        return closed;
    }

    /** Stops taking requests; those still queued fail as unavailable, the batch at the database finishes. */
    @Override
    public void close() {
        closeRequested = true;
        closed = true;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
