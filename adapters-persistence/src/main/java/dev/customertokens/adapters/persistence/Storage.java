package dev.customertokens.adapters.persistence;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs work on a pooled connection, translating an unreachable store into the port's exception, and
 * returning from a write only once it is durable.
 */
final class Storage {

    private final Jdbi jdbi;
    private final GroupCommit groupCommit;

    Storage(Jdbi jdbi, GroupCommit groupCommit) {
        this.jdbi = jdbi;
        this.groupCommit = groupCommit;
    }

    /** Reads, in autocommit mode. */
    <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    /** One write statement in autocommit mode (its own transaction), durable when this returns. */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(handle -> {
                T result = work.withHandle(handle);
                groupCommit.awaitDurable(handle);
                return result;
            });
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    /** Several statements in one transaction, durable when this returns. */
    <T> T writeInTransaction(HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(handle -> {
                T result = handle.inTransaction(work);
                groupCommit.awaitDurable(handle);
                return result;
            });
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }
}
