package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.repository.Durability;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal of an embedded file, opened by a {@link Database} or on its own. */
class RotationJournalTest {

    @TempDir
    Path directory;

    /**
     * A transaction between its record and its commit when the journal closes: deleting the segment then would leave
     * that commit in neither the journal nor the checkpointed file.
     */
    @Test
    void closing_waits_for_a_transaction_between_its_record_and_its_commit() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath();
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            database.sessions().create(Session.begin(SessionId.of(1), CustomerId.of("c"), ApplicationId.of(15), null,
                    Instant.EPOCH, "jti-0"));
        }
        Path journalDirectory = Path.of(directory.resolve("tokens").toAbsolutePath() + RotationJournal.DIRECTORY_SUFFIX);
        ConnectionOpener connections = () -> DriverManager.getConnection(H2Urls.effective(url), "sa", "");
        RotationJournal journal = RotationJournal.openIfFree(journalDirectory, JournalFiles.ON_DISK, connections,
                new CheckpointGroupCommit(connections, Duration.ofSeconds(5), batch -> { }, false), Duration.ofSeconds(5),
                false)
                .orElseThrow();
        Durability.Pending inFlight = journal.beforeCommit(new SessionWrite.Rotation(1, "c", "jti-0", "jti-1", 1L, "r",
                null));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(journal::close);
        Thread.sleep(500);
        assertThat(closing).as("the close, a transaction still in flight").isNotDone();
        assertThat(JournalSegment.filesIn(journalDirectory)).as("segments while it waits").isNotEmpty();

        journal.afterCommit(inFlight, true);
        closing.get(10, TimeUnit.SECONDS);
        assertThat(JournalSegment.filesIn(journalDirectory)).as("segments once it closed").isEmpty();
    }

    @Test
    void the_journal_folder_and_its_files_are_the_owners_alone() throws IOException {
        Path file = directory.resolve("tokens");
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + file.toAbsolutePath(), "sa", ""))) {
            Path journal = Path.of(file + RotationJournal.DIRECTORY_SUFFIX);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> listed = Files.list(journal)) {
                files = listed.toList();
            }
            assertThat(files).as("the lock and a segment").hasSizeGreaterThanOrEqualTo(2);
            for (Path inside : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inside))).as(inside.toString())
                        .isEqualTo("rw-------");
            }
        }
    }
}
