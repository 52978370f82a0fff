package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Database#backup} on an embedded file under load, its writer held back so that the file itself lacks what
 * the journal and the store's memory hold: restored into a fresh folder, the copy has every rotation acknowledged
 * before the backup began, and each of those sessions rotates on from its last token.
 */
class FileBackupTest {

    private static final Duration A_WHILE = Duration.ofSeconds(90);
    private static final String HELD_BACK = ";WRITE_DELAY=600000";

    @TempDir
    Path directory;

    /** The backup runs in the service's process, reached through its automatic server, as {@code store backup} does. */
    @Test
    @Timeout(180)
    void a_backup_taken_beside_a_busy_service_holds_every_rotation_acknowledged_before_it_began() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("live/tokens").toAbsolutePath() + HELD_BACK;
        Path zip = directory.resolve("tokens-backup.zip");
        Map<Long, Long> acknowledgedBefore;
        try (ChildJvm service = ChildJvm.start(FileHostChild.class, FileHostChild.WRITERS, url)) {
            service.await(line -> line.startsWith(FileHostChild.ROTATED), 300, A_WHILE);
            try (Database command = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("sa").password("")
                    .migration(DatabaseSettings.Migration.WHEN_BEHIND).build())) {
                acknowledgedBefore = FileHostChild.acknowledged(service.lines());
                command.backup(zip);
            }
            long after = service.lines().size();
            service.await(line -> line.startsWith(FileHostChild.ROTATED), after + 100, A_WHILE);
            assertThat(service.lines()).as("rotations the service found lost").noneMatch(line -> line.startsWith(
                    FileHostChild.LOST));
        }

        assertRestoredCopyHolds(zip, acknowledgedBefore);
    }

    /** The backup runs in the process that holds the file and journals its rotations. */
    @Test
    @Timeout(180)
    void a_backup_taken_by_the_busy_service_itself_holds_every_rotation_acknowledged_before_it_began() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("live/tokens").toAbsolutePath() + HELD_BACK;
        Path zip = directory.resolve("tokens-backup.zip");
        ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
        Map<Long, Long> acknowledgedBefore;
        try (Database service = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("sa").password("")
                .service(true).build())) {
            AtomicBoolean going = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                Thread writer = new Thread(() -> FileHostChild.rotateWithRetries(service.sessions(), reports::add,
                        going::get));
                writer.start();
                writers.add(writer);
            }
            while (reports.size() < 300) {
                Thread.sleep(10);
            }
            acknowledgedBefore = FileHostChild.acknowledged(List.copyOf(reports));
            service.backup(zip);
            int after = reports.size();
            while (reports.size() < after + 100) {
                Thread.sleep(10);
            }
            going.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
        }

        assertThat(reports).as("rotations the writers found lost").noneMatch(line -> line.startsWith(FileHostChild.LOST));
        assertRestoredCopyHolds(zip, acknowledgedBefore);
    }

    @Test
    void a_backup_never_overwrites_a_file() throws Exception {
        Path zip = Files.writeString(directory.resolve("taken.zip"), "kept");
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("tokens"),
                "sa", ""))) {
            assertThatThrownBy(() -> database.backup(zip)).hasMessageContaining("exists: a backup must be a new file");
        }
        assertThat(Files.readString(zip)).isEqualTo("kept");
    }

    @Test
    void an_in_memory_database_has_nothing_to_back_up() {
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:mem:backup-" + System.nanoTime(), "sa",
                ""))) {
            assertThatThrownBy(() -> database.backup(directory.resolve("memory.zip")))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("in-memory");
        }
    }

    /** Restores as docs/operations.md says: the zip's file into a fresh folder, no journal beside it. */
    private void assertRestoredCopyHolds(Path zip, Map<Long, Long> acknowledgedBefore) throws IOException {
        assertThat(acknowledgedBefore).as("sessions rotated before the backup").isNotEmpty();
        Path restored = Files.createDirectories(directory.resolve("restored"));
        unzip(zip, restored);
        assertThat(restored.resolve("tokens.mv.db")).exists();
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + restored.resolve("tokens"),
                "sa", ""))) {
            acknowledgedBefore.forEach((id, rotations) -> {
                Session session = database.sessions().find(SessionId.of(id)).orElseThrow();
                assertThat(session.rotations()).as("session " + id + " kept every rotation acknowledged before the "
                        + "backup").isGreaterThanOrEqualTo(rotations);
                assertThat(session.currentJti()).isEqualTo("jti-" + session.rotations());
                Rotation next = new Rotation(session.id(), session.customerId(), session.currentJti(), "after-restore",
                        Instant.now(), RequestId.of("after-restore"), null);
                assertThat(database.sessions().rotate(next)).as("session " + id + " rotates on").isTrue();
            });
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = into.resolve(entry.getName()).normalize();
                assertThat(file.startsWith(into)).isTrue();
                Files.copy(in, file);
            }
        }
    }
}
