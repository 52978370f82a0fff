package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.adapters.persistence.InterceptedConnections;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A journalled write whose commit fails, on a connection that fails its commit on demand. */
class StorageJournaledWriteTest {

    private static final SessionWrite REVOCATION = new SessionWrite.Revocation(1, "customer", 0, "OPERATOR");

    private final List<String> events = new CopyOnWriteArrayList<>();
    private Throwable commitFailure;
    private RuntimeException journalFailure;
    private Storage storage;

    @BeforeEach
    void storage() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:journaled-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        }
        DataSource failing = InterceptedConnections.around(h2, (method, real) -> {
            switch (method) {
                case "commit" -> {
                    events.add("commit");
                    if (commitFailure != null) {
                        throw commitFailure;
                    }
                }
                case "rollback" -> events.add("rollback");
                case "close" -> events.add("connection closed");
                default -> {
                }
            }
            return real.run();
        });
        storage = new Storage(Jdbi.create(failing), failing, new RecordingJournal());
    }

    /** An Error in H2's commit may come after the transaction became visible: the record stays, and is ended. */
    @Test
    void a_write_whose_commit_throws_an_error_still_ends_its_journalled_transaction() {
        commitFailure = new OutOfMemoryError("simulated");

        assertThatThrownBy(() -> storage.journaledWrite(this::insert)).isInstanceOf(OutOfMemoryError.class);

        assertThat(events).containsSubsequence("journalled", "commit", "rollback", "connection closed",
                "ended committed=true").doesNotContain("ended committed=false");
    }

    /**
     * A commit that throws may have committed, and other requests may have seen it: withdrawing its record would
     * let a restart lose it. The caller is told the outcome is unknown; the record's transaction ends as any other,
     * once the connection went back.
     */
    @Test
    void a_record_whose_commit_failed_is_kept_and_the_outcome_is_unknown() {
        commitFailure = new SQLException("simulated");

        assertThatThrownBy(() -> storage.journaledWrite(this::insert))
                .isInstanceOf(StorageOutcomeUnknownException.class);

        assertThat(events).containsSubsequence("journalled", "commit", "rollback", "connection closed",
                "ended committed=true").doesNotContain("ended committed=false");
    }

    @Test
    void a_committed_write_is_waited_for_after_its_connection_went_back() {
        assertThat(storage.journaledWrite(this::insert)).isTrue();

        assertThat(events).containsSubsequence("journalled", "commit", "connection closed", "ended committed=true");
    }

    @Test
    void a_change_that_wrote_nothing_is_rolled_back_and_never_journalled() {
        assertThat(storage.journaledWrite(connection -> null)).isFalse();

        assertThat(events).containsSubsequence("rollback", "connection closed")
                .doesNotContain("journalled", "commit", "ended committed=true", "ended committed=false");
    }

    /** The journal refused the record: nothing committed, and the caller may say so. */
    @Test
    void a_record_the_journal_refused_rolls_the_change_back() {
        journalFailure = new StorageUnavailableException("the journal cannot be written", null);

        assertThatThrownBy(() -> storage.journaledWrite(this::insert)).isSameAs(journalFailure);

        assertThat(events).containsSubsequence("rollback", "connection closed")
                .doesNotContain("journalled", "commit", "ended committed=true", "ended committed=false");
    }

    private SessionWrite insert(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO t VALUES (1)");
        }
        return REVOCATION;
    }

    private final class RecordingJournal implements Durability {
        @Override
        public boolean journalsInTransaction() {
            return true;
        }

        @Override
        public Pending beforeCommit(SessionWrite write) {
            if (journalFailure != null) {
                throw journalFailure;
            }
            events.add("journalled");
            return new Pending() {
            };
        }

        @Override
        public void afterCommit(Pending pending, boolean committed) {
            events.add("ended committed=" + committed);
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
    }
}
