package com.example.sessions;

import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.application.port.out.StorageUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;

/**
 * Runs work on a connection of the {@link DataSource} and turns {@link SQLException} into what the ports
 * promise: a database out of reach is {@link StorageUnavailableException} (nothing changed, retry later);
 * a write whose connection broke after it was sent is {@link StorageOutcomeUnknownException} (it may have
 * committed). Anything else is a bug or a broken schema, an {@link IllegalStateException}.
 */
final class Jdbc {

    /** The statements of one call. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work that changes nothing, in auto-commit. */
    <T> T read(Work<T> work) {
        return run(work, false, false);
    }

    /** Work in auto-commit: each statement is committed when it returns. */
    <T> T write(Work<T> work) {
        return run(work, true, false);
    }

    /** Work of several statements, committed together before this returns, or not at all. */
    <T> T writeInOneTransaction(Work<T> work) {
        return run(work, true, true);
    }

    private <T> T run(Work<T> work, boolean writes, boolean inOneTransaction) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageUnavailableException("the sessions database cannot be reached", e);
        }
        try (connection) {
            if (!inOneTransaction) {
                return work.on(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translated(e, writes);
        }
    }

    static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static RuntimeException translated(SQLException e, boolean writes) {
        boolean connectionLost = e instanceof SQLNonTransientConnectionException
                || e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
        if (!connectionLost) {
            return new IllegalStateException("sessions database: " + e.getMessage(), e);
        }
        return writes
                ? new StorageOutcomeUnknownException("the sessions database did not confirm a write", e)
                : new StorageUnavailableException("the sessions database cannot be reached", e);
    }

    private static void rollBackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
