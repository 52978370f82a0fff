package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batches of {@link PipelinedRefreshStatements} on a real PostgreSQL, built by hand so that each test
 * knows exactly what shares a round trip.
 */
class PipelinedRefreshStatementsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.123Z");
    private static final String TOO_LONG_FOR_A_JTI = "j".repeat(256);

    private Database database;
    private Connection connection;
    private PipelinedRefreshStatements statements;

    @BeforeEach
    void open() throws SQLException {
        String url = EmbeddedPostgresServer.newDatabaseUrl();
        database = Database.open(new DatabaseSettings(url, "postgres", null, 2, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT));
        connection = DriverManager.getConnection(url, "postgres", null);
        statements = (PipelinedRefreshStatements) database.refreshStatements();
    }

    @AfterEach
    void close() throws SQLException {
        try (Database closing = database) {
            connection.close();
        }
    }

    @Test
    void postgresql_runs_the_refresh_statements_in_batches() {
        assertThat(database.refreshStatements()).isInstanceOf(PipelinedRefreshStatements.class);
    }

    @Test
    void a_batch_of_rotations_commits_each_winner_and_tells_each_loser() throws SQLException {
        SessionId first = begin("ann", "a-0");
        SessionId second = begin("bob", "b-0");
        List<StatementCoalescer.Request<JournalRecord.Rotation, Boolean>> batch = List.of(
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
        StatementCoalescer.Request<JournalRecord.Rotation, Boolean> refused = rotation(second, "bob", "b-0",
                TOO_LONG_FOR_A_JTI);
        StatementCoalescer.Request<JournalRecord.Rotation, Boolean> accepted = rotation(first, "ann", "a-0", "a-1");

        // the refused one is sent after the accepted one, whose change the failed batch must have rolled back:
        // applied twice, its compare-and-set would have lost the second time
        PipelinedRefreshStatements.rotateAll(connection, List.of(refused, accepted));

        assertThat(accepted.outcome().join()).isTrue();
        assertThat(stored(first).currentJti()).isEqualTo("a-1");
        assertThat(stored(first).rotations()).isEqualTo(1);
        assertThatThrownBy(() -> refused.outcome().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(Storage.JdbcFailure.class)
                .cause().isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22001"));
        assertThat(stored(second).currentJti()).isEqualTo("b-0");
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void a_batch_of_reads_answers_each_request_with_its_own_session_or_none() throws SQLException {
        SessionId first = begin("ann", "a-0");
        SessionId second = begin("bob", "b-0");
        List<StatementCoalescer.Request<PipelinedRefreshStatements.SessionKey, Optional<SessionWithCustomer>>> batch =
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
        assertThat(statements.rotate(new JournalRecord.Rotation(id.value(), "ann", "a-0", "a-1", NOW.toEpochMilli(),
                "request-1", null))).isTrue();
        assertThat(statements.rotate(new JournalRecord.Rotation(id.value(), "ann", "a-0", "a-2", NOW.toEpochMilli(),
                "request-2", null))).isFalse();
        assertThat(statements.findWithCustomer(id, CustomerId.of("ann")).orElseThrow().session().currentJti())
                .isEqualTo("a-1");
    }

    private SessionId begin(String customer, String jti) {
        SessionId id = database.sessions().nextId();
        database.sessions().create(Session.begin(id, CustomerId.of(customer), ApplicationId.of(15), null, NOW, jti));
        return id;
    }

    private Session stored(SessionId id) {
        return database.sessions().find(id).orElseThrow();
    }

    private static StatementCoalescer.Request<JournalRecord.Rotation, Boolean> rotation(SessionId id, String customer,
                                                                                         String expected, String next) {
        return new StatementCoalescer.Request<>(new JournalRecord.Rotation(id.value(), customer, expected, next,
                NOW.toEpochMilli(), "request-" + next.length() + "-" + next.hashCode(), null));
    }

    private static StatementCoalescer.Request<PipelinedRefreshStatements.SessionKey, Optional<SessionWithCustomer>> read(
            SessionId id, String customer) {
        return new StatementCoalescer.Request<>(new PipelinedRefreshStatements.SessionKey(id.value(), customer));
    }

    private static List<Boolean> outcomes(List<StatementCoalescer.Request<JournalRecord.Rotation, Boolean>> batch) {
        List<Boolean> outcomes = new ArrayList<>();
        for (StatementCoalescer.Request<JournalRecord.Rotation, Boolean> request : batch) {
            outcomes.add(request.outcome().join());
        }
        return outcomes;
    }
}
