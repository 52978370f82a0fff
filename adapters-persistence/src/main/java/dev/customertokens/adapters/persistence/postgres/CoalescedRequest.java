package dev.customertokens.adapters.persistence.postgres;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One caller's request to a {@link StatementCoalescer}, as a batch sees it. It is queued until either a batch
 * takes it or its caller withdraws it, never both; once taken, it gets one outcome.
 *
 * @param <Q> the request
 * @param <R> its result
 */
final class CoalescedRequest<Q, R> {

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    private final Q value;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<R> outcome = new CompletableFuture<>();

    CoalescedRequest(Q value) {
        this.value = value;
    }

    Q value() {
        return value;
    }

    /** For a batch: true when the request was still queued, and is now the batch's. */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /** For its caller: true when no batch took the request, which will now never run. */
    boolean withdraw() {
        return state.compareAndSet(QUEUED, WITHDRAWN);
    }

    void complete(R result) {
        outcome.complete(result);
    }

    void fail(RuntimeException failure) {
        outcome.completeExceptionally(failure);
    }

    CompletableFuture<R> outcome() {
        return outcome;
    }
}
