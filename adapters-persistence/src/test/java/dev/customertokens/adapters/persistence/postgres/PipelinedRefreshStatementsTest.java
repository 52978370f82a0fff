package dev.customertokens.adapters.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.repository.JdbcFailure;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batches of {@link PipelinedRefreshStatements} on a real PostgreSQL, built by hand so that each test
 * knows exactly what shares a round trip.
 */
class PipelinedRefreshStatementsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.123Z");
    private static final String TOO_LONG_FOR_A_JTI = "j".repeat(256);

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private String url;
    private Database database;
    private HikariDataSource pool;
    private Connection connection;
    private PipelinedRefreshStatements statements;

    /** The schema by {@link Database}; the statements under test on a pool of two, as a database's would be. */
    @BeforeEach
    void open() throws SQLException {
        url = EmbeddedPostgresServer.newDatabaseUrl();
        database = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("postgres").poolSize(2).build());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT.toMillis());
        PostgresConnections.poolDefaults(url, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT)
                .forEach(config::addDataSourceProperty);
        pool = new HikariDataSource(config);
        statements = new PipelinedRefreshStatements(pool, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT, size -> { },
                size -> { });
        connection = DriverManager.getConnection(url, "postgres", null);
    }

    @AfterEach
    void close() throws SQLException {
        background.shutdownNow();
        try (Database closingDatabase = database; HikariDataSource closingPool = pool;
             Connection closingConnection = connection) {
            statements.close();
        }
    }

    @Test
    void a_batch_of_rotations_commits_each_winner_and_tells_each_loser() throws SQLException {
        SessionId first = begin("ann", "a-0");
        SessionId second = begin("bob", "b-0");
        List<CoalescedRequest<SessionWrite.Rotation, Boolean>> batch = List.of(
                rotation(second, "bob", "b-0", "b-1"),
                rotation(first, "ann", "a-0", "a-1"),
                rotation(first, "ann", "a-0", "a-2"),
                rotation(first, "ann", "stale", "a-3"));

        PipelinedRefreshStatements.rotateAll(connection, batch);

        assertThat(outcomes(batch)).containsExactly(true, true, false, false);
        assertThat(stored(first).currentJti()).isEqualTo("a-1");
        assertThat(stored(first).rotations()).isEqualTo(1);
        assertThat(stored(second).currentJti()).isEqualTo("b-1");
    }

    @Test
    void when_the_server_refuses_one_rotation_of_a_batch_the_others_rotate_once_and_only_it_fails() throws SQLException {
        SessionId first = begin("ann", "a-0");
        SessionId second = begin("bob", "b-0");
        CoalescedRequest<SessionWrite.Rotation, Boolean> refused = rotation(second, "bob", "b-0",
                TOO_LONG_FOR_A_JTI);
        CoalescedRequest<SessionWrite.Rotation, Boolean> accepted = rotation(first, "ann", "a-0", "a-1");

        // the refused one is sent after the accepted one, whose change the failed batch must have rolled back:
        // applied twice, its compare-and-set would have lost the second time
        PipelinedRefreshStatements.rotateAll(connection, List.of(refused, accepted));

        assertThat(accepted.outcome().join()).isTrue();
        assertThat(stored(first).currentJti()).isEqualTo("a-1");
        assertThat(stored(first).rotations()).isEqualTo(1);
        assertThatThrownBy(() -> refused.outcome().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(JdbcFailure.class)
                .cause().isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22001"));
        assertThat(stored(second).currentJti()).isEqualTo("b-0");
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void a_batch_of_reads_answers_each_request_with_its_own_session_or_none() throws SQLException {
        SessionId first = begin("ann", "a-0");
        SessionId second = begin("bob", "b-0");
        List<CoalescedRequest<PipelinedRefreshStatements.SessionKey, Optional<SessionWithCustomer>>> batch =
                List.of(read(second, "bob"), read(first, "bob"), read(SessionId.of(first.value() + 1000), "ann"),
                        read(first, "ann"));

        statements.findAll(connection, batch);

        assertThat(batch.get(0).outcome().join()).hasValueSatisfying(found ->
                assertThat(found.session().currentJti()).isEqualTo("b-0"));
        assertThat(batch.get(1).outcome().join()).as("another customer's session").isEmpty();
        assertThat(batch.get(2).outcome().join()).as("no such session").isEmpty();
        assertThat(batch.get(3).outcome().join()).hasValueSatisfying(found ->
                assertThat(found.session().currentJti()).isEqualTo("a-0"));
    }

    @Test
    void a_read_alone_and_a_rotation_alone_go_through_the_coalescers() {
        SessionId id = begin("ann", "a-0");

        assertThat(statements.findWithCustomer(id, CustomerId.of("ann"))).isPresent();
        assertThat(statements.rotate(new SessionWrite.Rotation(id.value(), "ann", "a-0", "a-1", NOW.toEpochMilli(),
                "request-1", null))).isTrue();
        assertThat(statements.rotate(new SessionWrite.Rotation(id.value(), "ann", "a-0", "a-2", NOW.toEpochMilli(),
                "request-2", null))).isFalse();
        assertThat(statements.findWithCustomer(id, CustomerId.of("ann")).orElseThrow().session().currentJti())
                .isEqualTo("a-1");
    }

    @Test
    void a_batch_locks_its_rows_by_customer_then_session_whatever_order_its_requests_came_in() throws Exception {
        // bob's session has the lower id: only the customer puts ann's first
        SessionId bob = begin("bob", "b-0");
        SessionId ann = begin("ann", "a-0");
        try (Connection holder = DriverManager.getConnection(url, "postgres", null);
             Connection batchConnection = DriverManager.getConnection(url, "postgres", null)) {
            holder.setAutoCommit(false);
            lockRow(holder, bob);
            List<CoalescedRequest<SessionWrite.Rotation, Boolean>> batch = List.of(
                    rotation(bob, "bob", "b-0", "b-1"), rotation(ann, "ann", "a-0", "a-1"));
            Future<?> rotating = background.submit(() -> {
                PipelinedRefreshStatements.rotateAll(batchConnection, batch);
                return null;
            });
            awaitWaitingForALock(batchConnection);

            // the batch waits for bob's row holding ann's: ann's update went first
            assertThatThrownBy(() -> lockRowNoWait(connection, ann)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("55P03"));
            holder.rollback();
            rotating.get(60, TimeUnit.SECONDS);
            assertThat(outcomes(batch)).containsExactly(true, true);
        }
    }

    @Test
    void a_rotation_whose_connection_is_lost_at_the_database_is_told_its_outcome_is_unknown() throws Exception {
        SessionId ann = begin("ann", "a-0");
        try (Connection holder = DriverManager.getConnection(url, "postgres", null)) {
            holder.setAutoCommit(false);
            lockRow(holder, ann);
            Future<Boolean> rotating = background.submit(() -> statements.rotate(new SessionWrite.Rotation(ann.value(),
                    "ann", "a-0", "a-1", NOW.toEpochMilli(), "request-1", null)));
            int waiting = awaitABackendWaitingForALock();

            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(" + waiting + ")");
            }

            assertThatThrownBy(() -> rotating.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(StorageOutcomeUnknownException.class);
            holder.rollback();
        }
        assertThat(statements.findWithCustomer(ann, CustomerId.of("ann")).orElseThrow().session().currentJti())
                .as("the pool's next connection serves the next batch").isEqualTo("a-0");
        assertThat(statements.rotate(new SessionWrite.Rotation(ann.value(), "ann", "a-0", "a-2", NOW.toEpochMilli(),
                "request-2", null))).as("and the rotations' thread goes on").isTrue();
    }

    @Test
    void a_rotation_refused_alone_fails_with_the_refusal_not_as_unknown() throws SQLException {
        SessionId bob = begin("bob", "b-0");
        CoalescedRequest<SessionWrite.Rotation, Boolean> refused = rotation(bob, "bob", "b-0",
                TOO_LONG_FOR_A_JTI);

        PipelinedRefreshStatements.rotateAll(connection, List.of(refused));

        assertThatThrownBy(() -> refused.outcome().join()).cause().isInstanceOf(JdbcFailure.class);
    }

    private static void lockRow(Connection connection, SessionId id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM session_chains WHERE id = " + id.value() + " FOR UPDATE");
        }
    }

    private static void lockRowNoWait(Connection connection, SessionId id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM session_chains WHERE id = " + id.value() + " FOR UPDATE NOWAIT");
        }
    }

    /** Until the backend of {@code waiter} waits for a row lock (a state, polled: no timer decides). */
    private void awaitWaitingForALock(Connection waiter) throws Exception {
        int pid = waiter.unwrap(PGConnection.class).getBackendPID();
        awaitABackendWaitingForALock(waiting -> waiting == pid, "the batch's backend waits for the lock");
    }

    /** The first backend found waiting for a lock, polled until there is one (a minute at most). */
    private int awaitABackendWaitingForALock() throws Exception {
        return awaitABackendWaitingForALock(waiting -> true, "a backend waits for a lock");
    }

    private int awaitABackendWaitingForALock(IntPredicate wanted, String expectation) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < giveUp) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                         + "AND datname = current_database()")) {
                while (rs.next()) {
                    int waiting = rs.getInt(1);
                    if (wanted.test(waiting)) {
                        return waiting;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new AssertionError("within a minute: " + expectation);
    }

    private SessionId begin(String customer, String jti) {
        SessionId id = database.sessions().nextId();
        database.sessions().create(Session.begin(id, CustomerId.of(customer), ApplicationId.of(15), null, NOW, jti));
        return id;
    }

    private Session stored(SessionId id) {
        return database.sessions().find(id).orElseThrow();
    }

    private static CoalescedRequest<SessionWrite.Rotation, Boolean> rotation(SessionId id, String customer,
                                                                                         String expected, String next) {
        return new CoalescedRequest<>(new SessionWrite.Rotation(id.value(), customer, expected, next,
                NOW.toEpochMilli(), "request-" + next.length() + "-" + next.hashCode(), null));
    }

    private static CoalescedRequest<PipelinedRefreshStatements.SessionKey, Optional<SessionWithCustomer>> read(
            SessionId id, String customer) {
        return new CoalescedRequest<>(new PipelinedRefreshStatements.SessionKey(id.value(), customer));
    }

    private static List<Boolean> outcomes(List<CoalescedRequest<SessionWrite.Rotation, Boolean>> batch) {
        List<Boolean> outcomes = new ArrayList<>();
        for (CoalescedRequest<SessionWrite.Rotation, Boolean> request : batch) {
            outcomes.add(request.outcome().join());
        }
        return outcomes;
    }
}
