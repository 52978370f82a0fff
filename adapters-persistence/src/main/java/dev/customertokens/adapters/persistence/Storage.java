package dev.customertokens.adapters.persistence;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleCallback;

/** Runs work on a pooled connection, translating an unreachable store into the port's exception. */
final class Storage {

    private final Jdbi jdbi;

    Storage(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One call in autocommit mode: each statement is its own transaction. */
    <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    /** Several statements in one transaction. */
    <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }
}
