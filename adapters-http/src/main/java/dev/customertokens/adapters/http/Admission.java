package dev.customertokens.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Overload control (CONTRACT 4.7, decision record 0010): the storage work of at most {@code workers +
 * maxQueued} requests is admitted at once, and work that waited longer than {@code deadline} is not
 * started; both answer 503 at once. One instance per worker pool, shared by every router using it, which
 * also counts the requests not answered yet, for a graceful stop (4.5).
 */
public final class Admission {

    /** Refused before its storage work began; nothing was read or written. */
    static final class OverloadedException extends RuntimeException {
        OverloadedException(String message) {
            super(message, null, false, false);
        }
    }

    private final int capacity;
    private final long deadlineNanos;
    private final LongSupplier nanoTime;
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean draining;
    private volatile boolean halted;
    private final java.util.Set<HttpConnection> lateConnections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();

    /**
     * A bound of {@code workers + maxQueued} requests at once.
     *
     * @param workers   threads of the worker pool (they run admitted work), at least 1
     * @param maxQueued admitted work that may wait for a thread, zero or more
     * @param deadline  the longest admitted work may wait before it starts, positive
     * @param nanoTime  the monotonic clock, {@code System::nanoTime} but for tests
     * @throws IllegalArgumentException if a bound is out of its range
     */
    public Admission(int workers, int maxQueued, Duration deadline, LongSupplier nanoTime) {
        if (workers < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("workers must be at least 1 and maxQueued not negative");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        this.capacity = workers + maxQueued;
        this.deadlineNanos = deadline.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The bound the settings give: their worker pool size, queue bound and deadline.
     *
     * @param settings the listener's settings
     * @return a new admission, to share between every router on the same worker pool
     */
    public static Admission of(HttpSettings settings) {
        return new Admission(settings.workerPoolSize(), settings.maxQueuedRequests(), settings.queueDeadline(), System::nanoTime);
    }

    /** Runs {@code work} through {@code onWorker} if admitted; fails with {@link OverloadedException} otherwise. */
    <T> Future<T> submit(Function<Callable<T>, Future<T>> onWorker, Callable<T> work) {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            return Future.failedFuture(new OverloadedException("the work queue is full"));
        }
        long queuedAt = nanoTime.getAsLong();
        return onWorker.apply(() -> {
            try {
                if (nanoTime.getAsLong() - queuedAt > deadlineNanos) {
                    throw new OverloadedException("the request waited past its deadline");
                }
                return work.call();
            } finally {
                admitted.decrementAndGet();
            }
        });
    }

    /**
     * Shutdown has begun (CONTRACT 4.5): from now on every response says {@code Connection: close}, so that
     * no client sends another request on a connection the server is about to close.
     */
    public void beginDraining() {
        draining = true;
    }

    /**
     * The servers have shut down and the process is about to close them for good: a request that still
     * reaches the router (on a connection accepted in the last instant) is not processed at all, its
     * connection closed unanswered, so that no rotation can happen whose answer could not be delivered.
     */
    public void halt() {
        halted = true;
    }

    boolean halted() {
        return halted;
    }

    /**
     * A connection accepted once the shutdown has begun (the listener closes a moment later) is marked: its
     * requests are not processed but closed unanswered, since the stop may close it under an answer.
     */
    void connected(HttpConnection connection) {
        if (draining) {
            lateConnections.add(connection);
            connection.closeHandler(closed -> lateConnections.remove(connection));
        }
    }

    /** Whether requests on {@code connection} must not be processed any more: see {@link #halt()}, {@link #connected}. */
    boolean refuses(HttpConnection connection) {
        return halted || lateConnections.contains(connection);
    }

    boolean draining() {
        return draining;
    }

    void requestStarted() {
        open.incrementAndGet();
    }

    void requestEnded() {
        open.decrementAndGet();
    }

    /**
     * Requests received and not answered yet (their response not fully written, their connection not
     * closed), on every server sharing this admission: a graceful stop waits for none to be left before
     * it closes the connections, since a worker may have finished a rotation whose answer is still on
     * its way to the event loop.
     *
     * @return how many requests are open now
     */
    public int openRequests() {
        return open.get();
    }

    /**
     * Work admitted and not finished yet: queued or running.
     *
     * @return how many units of storage work are admitted now
     */
    public int inFlight() {
        return admitted.get();
    }

    /**
     * Requests not answered yet, or storage work not finished: a graceful stop closes the connections,
     * the worker pool and the database only once this is 0.
     *
     * @return {@link #openRequests()} plus {@link #inFlight()}
     */
    public int unanswered() {
        return openRequests() + inFlight();
    }
}
