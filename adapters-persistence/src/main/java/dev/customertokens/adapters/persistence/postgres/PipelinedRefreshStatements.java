package dev.customertokens.adapters.persistence.postgres;

import dev.customertokens.adapters.persistence.repository.JdbcFailure;
import dev.customertokens.adapters.persistence.repository.RefreshStatements;
import dev.customertokens.adapters.persistence.repository.SessionStatements;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.adapters.persistence.repository.StorageFaults;
import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.SessionId;

import javax.sql.DataSource;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A refresh's statements on PostgreSQL, coalesced ({@link StatementCoalescer}): the reads that arrive together
 * go to the server in one round trip, and so do the rotations, a JDBC batch that commits as one implicit
 * transaction ({@code docs/decisions/0008-postgres-statement-coalescing.md}). Each statement is the very one a
 * refresh runs alone; a batch locks its rows by customer, then session, so two batches cannot deadlock. A
 * refused statement rolls its batch back and each request runs alone for its own answer; a connection lost
 * during a batch leaves its rotations' outcome unknown ({@link StorageOutcomeUnknownException}).
 */
public final class PipelinedRefreshStatements implements RefreshStatements {

    /**
     * The most reads in one round trip. Each size of batch is a prepared text of its own, and each of its
     * {@code SELECT}s a statement PostgreSQL keeps prepared in every connection that ran it: 8 sizes make 36
     * a connection. A node rarely has more reads in flight than its 8 to 16 workers; more wait for the next.
     */
    static final int MAX_READS = 8;

    /** The most rotations in one round trip and one commit: one prepared statement, whatever the size. */
    static final int MAX_ROTATIONS = 32;

    private static final Comparator<SessionWrite.Rotation> LOCK_ORDER = Comparator
            .comparing(SessionWrite.Rotation::customerId).thenComparingLong(SessionWrite.Rotation::sessionId);

    record SessionKey(long sessionId, String customerId) {
    }

    private final String[] findTexts = new String[MAX_READS + 1];
    private final StatementCoalescer<SessionKey, Optional<SessionWithCustomer>> reads;
    private final StatementCoalescer<SessionWrite.Rotation, Boolean> rotations;

    /**
     * @param connectionTimeout the pool's: a statement waits for the batch at the database and then for its
     *                          own, each bounded by the pool's timeout and the socket's; past both, a request
     *                          no batch took yet is withdrawn
     * @param readBatches       told how many reads each round trip carried
     * @param rotationBatches   told how many rotations each round trip carried
     */
    public PipelinedRefreshStatements(DataSource dataSource, Duration connectionTimeout, IntConsumer readBatches,
                               IntConsumer rotationBatches) {
        Duration maxWait = connectionTimeout.plusSeconds(2L * PostgresConnections.SOCKET_TIMEOUT_SECONDS);
        for (int n = 1; n <= MAX_READS; n++) {
            findTexts[n] = String.join("; ", Collections.nCopies(n, SessionStatements.FIND_WITH_CUSTOMER));
        }
        this.reads = new StatementCoalescer<>("customer-tokens-reads", dataSource, this::findAll,
                StorageFaults::translate, MAX_READS, maxWait, readBatches);
        this.rotations = new StatementCoalescer<>("customer-tokens-rotations", dataSource,
                PipelinedRefreshStatements::rotateAll, PipelinedRefreshStatements::outcomeUnknown, MAX_ROTATIONS, maxWait,
                rotationBatches);
    }

    @Override
    public Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer) {
        return reads.submit(new SessionKey(id.value(), customer.value()));
    }

    @Override
    public boolean rotate(SessionWrite.Rotation rotation) {
        return rotations.submit(rotation);
    }

    void findAll(Connection connection, List<CoalescedRequest<SessionKey, Optional<SessionWithCustomer>>> batch)
            throws SQLException {
        if (batch.size() == 1) {
            eachAlone(connection, batch, PipelinedRefreshStatements::findAlone);
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(findTexts[batch.size()])) {
            int parameter = 1;
            for (CoalescedRequest<SessionKey, Optional<SessionWithCustomer>> request : batch) {
                statement.setLong(parameter++, request.value().sessionId());
                statement.setString(parameter++, request.value().customerId());
            }
            statement.execute();
            List<Optional<SessionWithCustomer>> found = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                try (ResultSet rs = statement.getResultSet()) {
                    found.add(SessionStatements.readFound(rs));
                }
                statement.getMoreResults();
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(found.get(i));
            }
        } catch (SQLException e) {
            if (StorageFaults.isUnavailable(e)) {
                throw e;
            }
            // the server refused one of them: each alone, to be told its own answer
            eachAlone(connection, batch, PipelinedRefreshStatements::findAlone);
        }
    }

    private static Optional<SessionWithCustomer> findAlone(Connection connection, SessionKey key) throws SQLException {
        return SessionStatements.find(connection, key.sessionId(), key.customerId());
    }

    static void rotateAll(Connection connection, List<CoalescedRequest<SessionWrite.Rotation, Boolean>> batch)
            throws SQLException {
        if (batch.size() == 1) {
            eachAlone(connection, batch, SessionStatements::rotate);
            return;
        }
        List<CoalescedRequest<SessionWrite.Rotation, Boolean>> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(CoalescedRequest::value, LOCK_ORDER));
        int[] counts;
        try (PreparedStatement statement = connection.prepareStatement(SessionStatements.ROTATE)) {
            for (CoalescedRequest<SessionWrite.Rotation, Boolean> request : ordered) {
                SessionStatements.bindRotation(statement, request.value());
                statement.addBatch();
            }
            counts = statement.executeBatch();
        } catch (BatchUpdateException e) {
            if (StorageFaults.isUnavailable(e)) {
                throw e;
            }
            // the server refused a statement: the implicit transaction rolled back, so each is run alone
            eachAlone(connection, ordered, SessionStatements::rotate);
            return;
        }
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).complete(counts[i] == 1);
        }
    }

    /** One request's statement on the batch's connection. */
    @FunctionalInterface
    private interface Alone<Q, R> {
        R run(Connection connection, Q request) throws SQLException;
    }

    /**
     * Each request's statement alone (a rotation in a transaction of its own). A refusal is that request's
     * alone (nothing of it committed); a lost connection is thrown, for the batch's failure (outcome unknown,
     * for rotations).
     */
    private static <Q, R> void eachAlone(Connection connection, List<CoalescedRequest<Q, R>> batch,
                                         Alone<Q, R> statement) throws SQLException {
        for (CoalescedRequest<Q, R> request : batch) {
            try {
                request.complete(statement.run(connection, request.value()));
            } catch (SQLException e) {
                if (StorageFaults.isUnavailable(e)) {
                    throw e;
                }
                request.fail(StorageFaults.translate(new JdbcFailure(e)));
            }
        }
    }

    private static RuntimeException outcomeUnknown(RuntimeException failure) {
        return new StorageOutcomeUnknownException("the rotation's batch failed at the database; it may have committed",
                failure);
    }

    @Override
    public void close() {
        try {
            reads.close();
        } finally {
            rotations.close();
        }
    }
}
