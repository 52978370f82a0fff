package dev.customertokens.adapters.persistence.h2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The one service on an embedded H2 file: a lock on a file in the journal's folder, held as long as the service
 * runs and let go by the operating system however its process ends, and beside it a file (600) naming the holder
 * by pid and start time, for the message that refuses a second service. Commands beside the service take neither.
 */
public final class FileServiceLock implements AutoCloseable {

    private static final String LOCK_FILE = "service.lock";
    private static final String OWNER_FILE = "service.owner";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private FileServiceLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the service lock of the embedded file {@code url} names, and records this process as its holder.
     *
     * @return empty when another service holds it ({@link #holder} names it)
     * @throws UncheckedIOException when the journal's folder cannot be written
     */
    public static Optional<FileServiceLock> tryClaim(String url) {
        Path directory = FileDurability.journalDirectory(url);
        try {
            JournalFiles.ON_DISK.createDirectory(directory);
            Optional<FileLock> taken = DiskJournalFiles.tryLockFile(directory.resolve(LOCK_FILE));
            if (taken.isEmpty()) {
                return Optional.empty();
            }
            FileLock lock = taken.get();
            FileChannel channel = lock.channel();
            try {
                recordHolder(directory);
            } catch (IOException e) {
                lock.release();
                channel.close();
                throw e;
            }
            return Optional.of(new FileServiceLock(directory, channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the service lock in " + directory, e);
        }
    }

    /** Written whole, then moved in place: a process refused meanwhile reads the former holder or this one. */
    private static void recordHolder(Path directory) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse("at an unknown time");
        Path written = Files.createTempFile(directory, OWNER_FILE, ".new", DiskJournalFiles.ownerOnly());
        Files.writeString(written, "pid " + self.pid() + ", started " + started + "\n", StandardCharsets.UTF_8);
        Files.move(written, directory.resolve(OWNER_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The service holding the lock of the file {@code url} names, as it recorded itself: e.g. {@code pid 4242, started
     * 2026-12-07T20:25:51Z}; read by a service that {@link #tryClaim} refused.
     */
    public static String holder(String url) {
        Path owner = FileDurability.journalDirectory(url).resolve(OWNER_FILE);
        try {
            return Files.readString(owner, StandardCharsets.UTF_8).strip() + " (recorded in " + owner + ")";
        } catch (NoSuchFileException e) {
            return "a process that has not recorded itself yet in " + owner;
        } catch (IOException e) {
            return "a process that " + owner + " should name, but it cannot be read: " + e.getMessage();
        }
    }

    /** Lets the lock go; the holder's record goes first, so that it never names a service that ended cleanly. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(directory.resolve(OWNER_FILE));
        } catch (IOException ignored) {
            // the next service replaces it
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel lets the lock go in any case
        }
    }
}
