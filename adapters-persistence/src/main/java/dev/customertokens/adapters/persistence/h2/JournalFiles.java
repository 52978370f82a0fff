package dev.customertokens.adapters.persistence.h2;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the journal's files are written: the disk ({@link #ON_DISK}), or in tests one that fails on demand. Every
 * folder and file it creates is its owner's alone (700, 600) where the file system has POSIX permissions.
 */
public interface JournalFiles {

    JournalFiles ON_DISK = new DiskJournalFiles();

    /** Creates the folder and its missing parents; nothing when it exists. */
    void createDirectory(Path directory) throws IOException;

    /** A new, empty file to append to; fails when it exists. */
    JournalFile create(Path file) throws IOException;

    /** Forces the folder's entries to the disk, so that a file created in it survives a power loss. */
    void syncDirectory(Path directory) throws IOException;

    void delete(Path file) throws IOException;
}
