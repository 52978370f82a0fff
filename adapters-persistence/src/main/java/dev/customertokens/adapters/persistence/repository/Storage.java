package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on a pooled connection, translating an unreachable store into the port's exception, and
 * returning from a write only once it is durable ({@link Durability}), after the connection went back.
 */
public final class Storage {

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final Durability durability;

    public Storage(Jdbi jdbi, DataSource dataSource, Durability durability) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.durability = durability;
    }

    Durability durability() {
        return durability;
    }

    /** Reads, in autocommit mode. */
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    /** One write statement in autocommit mode (its own transaction), durable when this returns. */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        T result = withHandle(work);
        durability.afterUnjournaledWrite();
        return result;
    }

    /** Several statements in one transaction, durable when this returns. */
    <T> T writeInTransaction(HandleCallback<T, RuntimeException> work) {
        T result = withHandle(handle -> handle.inTransaction(work));
        durability.afterUnjournaledWrite();
        return result;
    }

    /** Plain JDBC on a pooled connection, for the statements of the hot path. */
    <T> T withConnection(ConnectionWork<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            // no connection within the timeout, a closed pool, a database gone: as JDBI's ConnectionException
            throw new StorageUnavailableException("the database cannot be reached", e);
        }
        try (connection) {
            return work.run(connection);
        } catch (SQLException e) {
            throw StorageFaults.translate(new JdbcFailure(e));
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    /**
     * One hot write: {@code change} runs on a pooled connection and returns the write it made, or null when
     * it changed nothing. Journalled in its transaction where the store journals, and durable when this
     * returns true. A commit that throws may have committed, and others may have seen it: its record stays,
     * the caller learns that the outcome is unknown, and a replay passes over the record if a later write of
     * the session shows it did not commit. The record's transaction is ended whatever ended it (an
     * {@link Error} too), once the connection went back.
     */
    boolean journaledWrite(ConnectionWork<SessionWrite> change) {
        if (!durability.journalsInTransaction()) {
            boolean changed = withConnection(change) != null;
            if (changed) {
                durability.afterCommit(Durability.NOTHING_PENDING, true);
            }
            return changed;
        }
        Durability.Pending[] journalled = {null};
        boolean committed;
        try {
            committed = withConnection(connection -> {
                connection.setAutoCommit(false);
                boolean ended = false;
                try {
                    SessionWrite write = change.run(connection);
                    if (write == null) {
                        return false;
                    }
                    journalled[0] = durability.beforeCommit(write);
                    connection.commit();
                    ended = true;
                    return true;
                } finally {
                    if (!ended) {
                        rollbackQuietly(connection);
                    }
                    restoreAutoCommitQuietly(connection);
                }
            });
        } catch (RuntimeException | Error e) {
            if (journalled[0] == null) {
                throw e;
            }
            // the record came before the commit, so the commit (or what followed it) threw: it may have committed
            keepRecord(journalled[0], e);
            if (e instanceof Error error) {
                throw error;
            }
            throw new StorageOutcomeUnknownException("the write's commit failed after it was journalled", e);
        }
        if (committed) {
            durability.afterCommit(journalled[0], true);
        }
        return committed;
    }

    private void keepRecord(Durability.Pending journalled, Throwable failure) {
        try {
            durability.afterCommit(journalled, true);
        } catch (RuntimeException | Error ended) {
            failure.addSuppressed(ended);
        }
    }

    /**
     * Runs {@code work} in one transaction: the connection's own when one is open (the journal's path, its
     * replay), or one begun and committed here when the connection is in autocommit mode.
     */
    static <T> T inOneTransaction(Connection connection, ConnectionWork<T> work) throws SQLException {
        if (!connection.getAutoCommit()) {
            return work.run(connection);
        }
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            T result = work.run(connection);
            connection.commit();
            committed = true;
            return result;
        } finally {
            if (!committed) {
                rollbackQuietly(connection);
            }
            restoreAutoCommitQuietly(connection);
        }
    }

    private static void restoreAutoCommitQuietly(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pool resets it when the connection comes back, and evicts a broken one; the work's outcome stands
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
