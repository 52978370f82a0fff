package dev.customertokens.adapters.persistence.h2;

import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A disk that misbehaves on demand, for H2's database file (an H2 file system, {@code jdbc:h2:faulty:/path}) and
 * for the journal beside it (as {@link JournalFiles}): it fails every write as a full disk does (or only the
 * journal's), holds the database file's writes until released, tells a test of each journal record written, or
 * loses power, after which each file is what its last {@code fsync} left and a journal file whose folder was not
 * synced since it was created is gone. The state is static, as H2 makes its file systems itself: {@link #reset()}
 * before each test.
 */
public final class FaultyFiles extends FilePathWrapper implements JournalFiles {

    static final String SCHEME = "faulty";
    private static final FaultyFiles PROVIDER = new FaultyFiles();

    private static volatile IOException failure;
    private static volatile IOException journalFailure;
    private static volatile boolean journalWritesPartWay;
    private static volatile IOException journalSyncFailure;
    /** Held while the power goes, and while a sync notes what it put on the disk: a sync is wholly before the cut or fails. */
    private static final Object POWER = new Object();
    private static volatile boolean powerOff;
    private static volatile CountDownLatch held;
    private static volatile CountDownLatch holding;
    private static volatile Consumer<byte[]> afterJournalWrite = bytes -> { };
    /** Each file's content as of its last sync, by its path on the real disk. */
    private static final Map<Path, byte[]> synced = new ConcurrentHashMap<>();
    /** Each journal file's length as of its last sync. */
    private static final Map<Path, Long> syncedLengths = new ConcurrentHashMap<>();
    /** Journal files created since their folder was last synced. */
    private static final java.util.Set<Path> unsyncedEntries = ConcurrentHashMap.newKeySet();

    /** The URL of an H2 file database at {@code path} on this disk. */
    static String url(Path path) {
        FilePath.register(PROVIDER);
        return "jdbc:h2:" + SCHEME + ":" + path.toAbsolutePath();
    }

    /** Everything works again, nothing is held, and nothing was synced yet. */
    static void reset() {
        FilePath.register(PROVIDER);
        failure = null;
        journalFailure = null;
        journalWritesPartWay = false;
        journalSyncFailure = null;
        powerOff = false;
        held = null;
        holding = null;
        afterJournalWrite = bytes -> { };
        synced.clear();
        syncedLengths.clear();
        unsyncedEntries.clear();
    }

    /** {@code listener} is told of every journal record, once it is written and before its writer goes on. */
    static void afterJournalWrite(Consumer<byte[]> listener) {
        afterJournalWrite = listener;
    }

    /** From now on every write, sync and new file fails with {@code failure}; null: they work again. */
    static void failWritesWith(IOException failure) {
        FaultyFiles.failure = failure;
    }

    /**
     * From now on every append, sync and new file of the journal fails with {@code failure}, as on a full disk (a file
     * can still be cut shorter); the database file is untouched. Null: they work again.
     */
    static void failJournalWritesWith(IOException failure) {
        journalWritesPartWay = false;
        journalFailure = failure;
    }

    /** As {@link #failJournalWritesWith}, but each failing append writes the first half of its bytes first. */
    static void failJournalWritesPartWayWith(IOException failure) {
        journalWritesPartWay = true;
        journalFailure = failure;
    }

    /** From now on every sync of a journal file fails with {@code failure}, its appends still working; null: no more. */
    static void failJournalSyncsWith(IOException failure) {
        journalSyncFailure = failure;
    }

    /** The next writes to a database file wait until {@link #releaseWrites()}; {@link #awaitHeldWrite} tells one began. */
    static void holdDatabaseWrites() {
        holding = new CountDownLatch(1);
        held = new CountDownLatch(1);
    }

    static boolean awaitHeldWrite(long millis) throws InterruptedException {
        return holding.await(millis, TimeUnit.MILLISECONDS);
    }

    static void releaseWrites() {
        held.countDown();
    }

    /** The power goes: every later write fails, and {@link #restoreAfterPowerCut} brings back what was synced. */
    static void cutPower() {
        synchronized (POWER) {
            powerOff = true;
        }
    }

    /**
     * Each file written through this disk becomes what its last sync left (a file never synced, empty), as a
     * machine finds its disk after a power cut; the power is back on.
     */
    static void restoreAfterPowerCut(Path databaseFile, Path journal) throws IOException {
        Files.write(databaseFile, synced.getOrDefault(databaseFile.toAbsolutePath(), new byte[0]));
        try (Stream<Path> files = Files.list(journal)) {
            for (Path file : files.toList()) {
                Long length = syncedLengths.get(file.toAbsolutePath());
                if (unsyncedEntries.contains(file.toAbsolutePath())) {
                    Files.delete(file);
                } else if (length != null) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(length);
                    }
                }
            }
        }
        powerOff = false;
        synced.clear();
        syncedLengths.clear();
        unsyncedEntries.clear();
    }

    static void checkWritable() throws IOException {
        if (powerOff) {
            throw new IOException("the power is off");
        }
        IOException current = failure;
        if (current != null) {
            throw current;
        }
    }

    /** Notes what a sync put on the disk, unless the power went first: then the sync fails. */
    static void recordSynced(Runnable note) throws IOException {
        synchronized (POWER) {
            checkWritable();
            note.run();
        }
    }

    private static void checkJournalWritable() throws IOException {
        checkWritable();
        IOException current = journalFailure;
        if (current != null) {
            throw current;
        }
    }

    @Override
    public void createDirectory(Path directory) throws IOException {
        checkJournalWritable();
        JournalFiles.ON_DISK.createDirectory(directory);
    }

    @Override
    public JournalFile create(Path file) throws IOException {
        checkJournalWritable();
        JournalFile created = JournalFiles.ON_DISK.create(file);
        syncedLengths.put(file.toAbsolutePath(), 0L);
        unsyncedEntries.add(file.toAbsolutePath());
        return new FaultyJournalFile(file.toAbsolutePath(), created);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        checkJournalWritable();
        JournalFiles.ON_DISK.syncDirectory(directory);
        Path folder = directory.toAbsolutePath();
        recordSynced(() -> unsyncedEntries.removeIf(entry -> entry.getParent().equals(folder)));
    }

    @Override
    public void delete(Path file) throws IOException {
        checkWritable();
        JournalFiles.ON_DISK.delete(file);
    }

    /** A journal file on this disk, as the journal writes it: appended to, synced, cut back. */
    private static final class FaultyJournalFile implements JournalFile {
        private final Path path;
        private final JournalFile file;
        private long length;

        FaultyJournalFile(Path path, JournalFile file) {
            this.path = path;
            this.file = file;
        }

        @Override
        public synchronized void append(byte[] bytes) throws IOException {
            if (journalFailure != null && journalWritesPartWay) {
                file.append(java.util.Arrays.copyOf(bytes, bytes.length / 2));
                length += bytes.length / 2;
            }
            checkJournalWritable();
            file.append(bytes);
            length += bytes.length;
            afterJournalWrite.accept(bytes);
        }

        @Override
        public void sync() throws IOException {
            long appended;
            synchronized (this) {
                appended = length;
            }
            checkJournalWritable();
            IOException syncFailure = journalSyncFailure;
            if (syncFailure != null) {
                throw syncFailure;
            }
            file.sync();
            recordSynced(() -> syncedLengths.merge(path, appended, Math::max));
        }

        @Override
        public synchronized void truncate(long size) throws IOException {
            checkWritable();
            file.truncate(size);
            length = size;
            syncedLengths.computeIfPresent(path, (p, synced) -> Math.min(synced, size));
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FilePath base = getBase();
        FileChannel channel = base.open(mode);
        return new FaultyChannel(Path.of(base.toString()).toAbsolutePath(), channel);
    }

    @Override
    public boolean createFile() {
        return failure == null && !powerOff && super.createFile();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** A channel of the database file: H2's lock and trace files pass through untouched. */
    private static final class FaultyChannel extends FileBaseDefault {

        private final Path path;
        private final FileChannel base;
        private final boolean databaseFile;

        FaultyChannel(Path path, FileChannel base) {
            this.path = path;
            this.base = base;
            this.databaseFile = path.getFileName().toString().endsWith(".mv.db");
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            if (databaseFile) {
                checkWritable();
                CountDownLatch release = held;
                if (release != null) {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while held", e);
                    }
                }
            }
            return base.write(src, position);
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            if (databaseFile) {
                checkWritable();
            }
            base.truncate(size);
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (databaseFile) {
                checkWritable();
            }
            base.force(metaData);
            if (databaseFile) {
                byte[] content = Files.readAllBytes(path);
                recordSynced(() -> synced.put(path, content));
            }
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
