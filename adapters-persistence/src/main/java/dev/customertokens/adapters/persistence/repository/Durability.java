package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.StorageOutcomeUnknownException;

/**
 * How a commit becomes durable before its caller is told, chosen by the database when it opens:
 * PostgreSQL and in-memory H2 need nothing ({@link #NOT_NEEDED}); an embedded H2 file either journals
 * the hot writes or, when another process owns that journal, waits for a shared checkpoint (package
 * {@code h2}).
 *
 * <p>Every wait happens after the connection went back to the pool, and is bounded: past its bound it
 * throws {@link StorageOutcomeUnknownException}, never hangs a worker.
 */
public interface Durability extends AutoCloseable {

    /** A journaled write in flight, between {@link #beforeCommit} and {@link #afterCommit}. */
    interface Pending {
    }

    Pending NOTHING_PENDING = new Pending() {
    };

    Durability NOT_NEEDED = new Durability() {
        @Override
        public void afterCommit(Pending pending, boolean committed) {
        }

        @Override
        public void awaitVisibleCommits() {
        }

        @Override
        public void afterUnjournaledWrite() {
        }

        @Override
        public void close() {
        }
    };

    /** Whether a journaled write must run in an explicit transaction, its record written before the commit. */
    default boolean journalsInTransaction() {
        return false;
    }

    /** Called inside the transaction of a hot write, after its change and before its commit. */
    default Pending beforeCommit(SessionWrite write) {
        return NOTHING_PENDING;
    }

    /**
     * Called after that transaction ended, its connection closed: waits until the write is durable.
     *
     * @param committed true when it committed or may have (its commit threw): the record stays; false when it
     *                  certainly did not, and nothing is waited for then
     */
    void afterCommit(Pending pending, boolean committed);

    /** Waits until everything committed so far, by anyone, is durable (a replayed successor's rotation). */
    void awaitVisibleCommits();

    /** Waits until a write that was not journaled (a login, an import, an operator's revocation) is durable. */
    void afterUnjournaledWrite();

    @Override
    void close();
}
