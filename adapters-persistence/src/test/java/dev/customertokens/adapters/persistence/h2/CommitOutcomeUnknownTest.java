package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.InterceptedConnections;
import dev.customertokens.adapters.persistence.repository.DirectRefreshStatements;
import dev.customertokens.adapters.persistence.repository.Durability;
import dev.customertokens.adapters.persistence.repository.RefreshStatements;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.adapters.persistence.repository.Storage;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotations whose commit throws, on a real H2 file and its real journal, only the connection's commit failing. Such
 * a commit may have happened, so its record stays for a restart (here: the journal replayed into the file as it was
 * before the rotations, as a database that lost their commits leaves it), and its transaction still ends.
 */
class CommitOutcomeUnknownTest {

    private static final String CUSTOMER = "customer";
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    /** How the connection's commit fails. */
    enum CommitFailure {
        /** H2 made the transaction visible, then failed (an Error, a disk failure while it writes its own log). */
        AFTER_COMMITTING,
        /** The commit never happened. */
        INSTEAD_OF_COMMITTING
    }

    @TempDir
    Path directory;

    private final List<Durability.Pending> journalled = new CopyOnWriteArrayList<>();
    private final long defaultSegmentBytes = RotationJournal.segmentBytes;
    private String url;
    private Path journalDirectory;
    private Path fileBeforeTheRotations;
    private volatile CommitFailure commitFailure;
    private RotationJournal journal;
    private RefreshStatements statements;

    @BeforeEach
    void aSessionOnAFile() throws IOException {
        Path file = directory.resolve("live").resolve("tokens").toAbsolutePath();
        url = "jdbc:h2:file:" + file;
        journalDirectory = Path.of(file + RotationJournal.DIRECTORY_SUFFIX);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            database.sessions().create(Session.begin(SessionId.of(1), CustomerId.of(CUSTOMER), ApplicationId.of(15),
                    null, Instant.EPOCH, "jti-0"));
        }
        fileBeforeTheRotations = Files.copy(Path.of(file + ".mv.db"), directory.resolve("before.mv.db"));
    }

    @AfterEach
    void closeTheJournal() {
        RotationJournal.segmentBytes = defaultSegmentBytes;
        if (journal != null) {
            journal.close();
        }
    }

    /** The rotation after it is answered from the committed one: losing the record would lose both at a restart. */
    @Test
    void a_commit_that_threw_after_committing_is_restored_with_the_rotations_after_it() throws IOException {
        openTheJournal();
        rotateWhileTheCommitFails(CommitFailure.AFTER_COMMITTING, "jti-0", "jti-1");
        assertThat(currentJti()).as("what other requests see").isEqualTo("jti-1");
        assertThat(statements.rotate(rotation("jti-1", "jti-2"))).as("the next rotation, answered").isTrue();

        assertThat(currentJtiAfterARestartThatLostTheCommits()).isEqualTo("jti-2");
    }

    /** Its client was told the outcome is unknown, which allows the rotation to take effect. */
    @Test
    void a_commit_that_threw_without_committing_keeps_its_record_for_a_restart() throws IOException {
        openTheJournal();
        rotateWhileTheCommitFails(CommitFailure.INSTEAD_OF_COMMITTING, "jti-0", "jti-1");
        assertThat(currentJti()).as("what other requests see").isEqualTo("jti-0");

        assertThat(currentJtiAfterARestartThatLostTheCommits()).isEqualTo("jti-1");
    }

    /**
     * The client retries the refresh whose outcome was unknown, and is answered: the kept record comes first in the
     * journal, but must not take the compare-and-set from the rotation that was answered.
     */
    @Test
    void a_retry_answered_after_a_commit_that_threw_is_what_a_restart_restores() throws IOException {
        openTheJournal();
        rotateWhileTheCommitFails(CommitFailure.INSTEAD_OF_COMMITTING, "jti-0", "jti-1a");
        assertThat(statements.rotate(rotation("jti-0", "jti-1b"))).as("the retry, answered").isTrue();

        assertThat(currentJtiAfterARestartThatLostTheCommits()).isEqualTo("jti-1b");
    }

    /**
     * The journal counts the transactions of each segment that have not ended: one left open would keep its segment
     * forever and make closing wait. Every record here fills its segment, so that the segment is let go at once.
     */
    @ParameterizedTest
    @EnumSource(CommitFailure.class)
    void a_commit_that_threw_ends_its_transaction_in_the_journal(CommitFailure failure) throws IOException {
        RotationJournal.segmentBytes = 1;
        openTheJournal();
        rotateWhileTheCommitFails(failure, "jti-0", "jti-1");

        JournalSegment segment = ((JournalWriter.Appended) journalled.get(0)).segment();
        assertThat(segment.openTransactions.get()).as("open transactions of the record's segment").isZero();
        awaitDeleted(segment.path);

        journal.close();
        journal = null;
        assertThat(JournalSegment.filesIn(journalDirectory)).as("segments once the journal closed").isEmpty();
    }

    private void openTheJournal() {
        ConnectionOpener connections = () -> DriverManager.getConnection(H2Urls.effective(url), "sa", "");
        journal = RotationJournal.openIfFree(journalDirectory, JournalFiles.ON_DISK, connections,
                new CheckpointGroupCommit(connections, MAX_WAIT, batch -> { }, false), MAX_WAIT, false).orElseThrow();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(H2Urls.effective(url));
        h2.setUser("sa");
        h2.setPassword("");
        DataSource failingCommits = InterceptedConnections.around(h2, (method, real) -> {
            CommitFailure failure = commitFailure;
            if (!method.equals("commit") || failure == null) {
                return real.run();
            }
            if (failure == CommitFailure.AFTER_COMMITTING) {
                real.run();
            }
            throw new SQLException("simulated: the commit failed");
        });
        statements = new DirectRefreshStatements(new Storage(Jdbi.create(failingCommits), failingCommits,
                new RecordsSeen(journal)));
    }

    /** The rotation, its commit failing as {@code failure} says; the commits after it do not fail. */
    private void rotateWhileTheCommitFails(CommitFailure failure, String from, String to) {
        commitFailure = failure;
        try {
            assertThatThrownBy(() -> statements.rotate(rotation(from, to)))
                    .isInstanceOf(StorageOutcomeUnknownException.class);
        } finally {
            commitFailure = null;
        }
    }

    private String currentJti() {
        return statements.findWithCustomer(SessionId.of(1), CustomerId.of(CUSTOMER)).orElseThrow().session()
                .currentJti();
    }

    /** Opens a copy of the file as it was before the rotations, with a copy of the journal as it is now. */
    private String currentJtiAfterARestartThatLostTheCommits() throws IOException {
        Path restarted = directory.resolve("restarted").resolve("tokens").toAbsolutePath();
        Path restartedJournal = Path.of(restarted + RotationJournal.DIRECTORY_SUFFIX);
        Files.createDirectories(restartedJournal);
        Files.copy(fileBeforeTheRotations, Path.of(restarted + ".mv.db"));
        for (Path segment : JournalSegment.filesIn(journalDirectory)) {
            Files.copy(segment, restartedJournal.resolve(segment.getFileName()));
        }
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + restarted, "sa", ""))) {
            return database.sessions().find(SessionId.of(1)).orElseThrow().currentJti();
        }
    }

    private static void awaitDeleted(Path segment) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(segment) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(segment).as("the record's segment, after a checkpoint").doesNotExist();
    }

    private static SessionWrite.Rotation rotation(String from, String to) {
        return new SessionWrite.Rotation(1, CUSTOMER, from, to, 1_000L, "request-" + to, null);
    }

    /** The real journal, each record it took remembered. */
    private final class RecordsSeen implements Durability {
        private final Durability journal;

        RecordsSeen(Durability journal) {
            this.journal = journal;
        }

        @Override
        public boolean journalsInTransaction() {
            return journal.journalsInTransaction();
        }

        @Override
        public Pending beforeCommit(SessionWrite write) {
            Pending pending = journal.beforeCommit(write);
            journalled.add(pending);
            return pending;
        }

        @Override
        public void afterCommit(Pending pending, boolean committed) {
            journal.afterCommit(pending, committed);
        }

        @Override
        public void awaitVisibleCommits() {
            journal.awaitVisibleCommits();
        }

        @Override
        public void afterUnjournaledWrite() {
            journal.afterUnjournaledWrite();
        }

        @Override
        public void close() {
            journal.close();
        }
    }
}
