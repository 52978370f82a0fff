package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal of an embedded file, opened by a {@link Database} or on its own. */
class RotationJournalTest {

    @TempDir
    Path directory;

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
