package dev.customertokens.adapters.persistence.h2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An online copy of the embedded file, in a zip, by H2's own {@code BACKUP TO}, run by the process that holds the
 * file's store (this one, or the one whose automatic server the connection reaches). It holds every write committed
 * before it began, so every rotation acknowledged by then: a checkpoint that began after them has put them in the
 * file, whatever the journal still holds, and {@code BACKUP TO} stores what is committed once more before it copies.
 */
public final class FileBackup {

    private FileBackup() {
    }

    /**
     * Writes the zip, a new file only its owner reads (where the file system has POSIX permissions).
     *
     * @param zip where, on this machine; made absolute, since the process holding the file may have another
     *            working folder
     * @throws UncheckedIOException when {@code zip} exists or cannot be created
     */
    public static void write(Connection connection, Path zip) throws SQLException {
        Path target = zip.toAbsolutePath();
        try {
            Files.createFile(target, DiskJournalFiles.ownerOnly());
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException(target + " exists: a backup must be a new file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup " + target + ": " + e, e);
        }
        try {
            FileCheckpoint.run(connection, false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
            }
        } catch (SQLException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // a partial zip left behind does not restore: H2 refuses a damaged file
            }
            throw e;
        }
    }
}
