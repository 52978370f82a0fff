package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which process owns the embedded file's journal, with real processes reaching the file through H2's automatic
 * server: the one holding the file, whoever that is after a kill; and only one service at a time.
 */
class FileHostTest {

    private static final Duration A_WHILE = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    @Test
    @Timeout(120)
    void a_second_service_on_the_same_file_is_refused_naming_the_first() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath();
        try (ChildJvm first = ChildJvm.start(FileHostChild.class, FileHostChild.SERVICE, url)) {
            first.await(FileHostChild.READY::equals, 1, A_WHILE);

            ChildJvm second = ChildJvm.start(FileHostChild.class, FileHostChild.SERVICE, url);
            try {
                assertThat(second.awaitExit(A_WHILE)).as("the second service's exit code").isNotZero();
                assertThat(second.errors()).contains("pid " + first.pid()).contains("started");
            } finally {
                second.kill();
            }
        }
    }

    /**
     * The sequence: the service is killed while a command is connected, and the command comes to hold the
     * file; a service starts again, and must not take the journal (the command holds the file); the command is
     * killed, and the service comes to hold the file. With the file's writer held back, a service that journalled
     * while another process held the file loses those rotations when that process dies.
     */
    @Test
    @Timeout(240)
    void the_journal_goes_with_the_file_to_whichever_process_holds_it_after_a_kill() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath() + ";WRITE_DELAY=600000";
        List<String> lines;
        try (ChildJvm first = ChildJvm.start(FileHostChild.class, FileHostChild.WRITERS, url)) {
            first.await(line -> line.startsWith(FileHostChild.ROTATED), 300, A_WHILE);
            ChildJvm command = ChildJvm.start(FileHostChild.class, FileHostChild.COMMAND, url);
            command.await(FileHostChild.READY::equals, 1, A_WHILE);
            first.kill();
            command.await(FileHostChild.HOSTING::equals, 1, A_WHILE);
            try (ChildJvm second = ChildJvm.start(FileHostChild.class, FileHostChild.WRITERS, url)) {
                second.await(line -> line.startsWith(FileHostChild.ROTATED), 300, A_WHILE);
                command.kill();
                long before = second.lines().size();
                second.await(line -> line.startsWith(FileHostChild.ROTATED), before + 300, A_WHILE);
                second.kill();
                lines = new ArrayList<>(first.lines());
                lines.addAll(second.lines());
            } finally {
                command.kill();
            }
        }

        assertThat(lines).as("rotations the writers found lost").noneMatch(line -> line.startsWith(FileHostChild.LOST));
        Map<Long, Long> acknowledged = FileHostChild.acknowledged(lines);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            acknowledged.forEach((id, rotations) -> assertThat(database.sessions().find(SessionId.of(id)).orElseThrow()
                    .rotations()).as("session " + id + " kept every acknowledged rotation").isGreaterThanOrEqualTo(rotations));
        }
    }
}
