package dev.customertokens.adapters.persistence.h2;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The journal's files on the disk. Records are appended through a stream, not a channel: a thread interrupted in
 * the middle of a channel's write closes that channel for every other writer.
 */
final class DiskJournalFiles implements JournalFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    /** Also takes from others what an earlier release left them: the folder was made with the default umask. */
    @Override
    public void createDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (POSIX) {
            Files.setPosixFilePermissions(directory, OWNER_FOLDER);
        }
    }

    @Override
    public JournalFile create(Path file) throws IOException {
        Files.createFile(file, ownerOnly());
        return new AppendedFile(file, new FileOutputStream(file.toFile(), true));
    }

    /**
     * Takes the lock of {@code file} (created 600 when missing) if no process holds it, this one included.
     *
     * @return the lock, whose channel its holder closes to let it go; empty when it is held
     */
    static Optional<FileLock> tryLockFile(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                ownerOnly());
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(lock);
    }

    /** The attributes of a file only its owner reads and writes (none where there are no POSIX permissions). */
    static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private record AppendedFile(Path path, FileOutputStream out) implements JournalFile {

        @Override
        public void append(byte[] bytes) throws IOException {
            out.write(bytes);
        }

        @Override
        public void sync() throws IOException {
            out.getFD().sync();
        }

        @Override
        public void truncate(long size) throws IOException {
            // a channel of its own: the stream appends at the file's end, wherever that now is
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(size);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
