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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A disk that misbehaves on demand, for H2's database file (an H2 file system, {@code jdbc:h2:faulty:/path}) and
 * for the journal ({@link #journalFiles()}): it fails every write as a full disk does, holds the database file's
 * writes until released, or loses power, after which each file is what its last {@code fsync} left. The state is
 * static, as H2 makes its file systems itself: {@link #reset()} before each test.
 */
public final class FaultyFiles extends FilePathWrapper {

    static final String SCHEME = "faulty";
    private static final FaultyFiles PROVIDER = new FaultyFiles();

    private static volatile IOException failure;
    private static volatile boolean powerOff;
    private static volatile CountDownLatch held;
    private static volatile CountDownLatch holding;
    /** Each file's content as of its last sync, by its path on the real disk. */
    private static final Map<Path, byte[]> synced = new ConcurrentHashMap<>();

    /** The URL of an H2 file database at {@code path} on this disk. */
    static String url(Path path) {
        FilePath.register(PROVIDER);
        return "jdbc:h2:" + SCHEME + ":" + path.toAbsolutePath();
    }

    /** Everything works again, nothing is held, and nothing was synced yet. */
    static void reset() {
        FilePath.register(PROVIDER);
        failure = null;
        powerOff = false;
        held = null;
        holding = null;
        synced.clear();
    }

    /** From now on every write, sync and new file fails with {@code failure}; null: they work again. */
    static void failWritesWith(IOException failure) {
        FaultyFiles.failure = failure;
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
        powerOff = true;
    }

    /**
     * Each file written through this disk becomes what its last sync left (a file never synced, empty), as a
     * machine finds its disk after a power cut; the power is back on.
     */
    static void restoreAfterPowerCut(Path... files) throws IOException {
        for (Path file : files) {
            byte[] content = synced.getOrDefault(file.toAbsolutePath(), new byte[0]);
            if (Files.exists(file)) {
                Files.write(file, content);
            }
        }
        powerOff = false;
        synced.clear();
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

    static void recordSynced(Path file, byte[] content) {
        if (!powerOff) {
            synced.put(file.toAbsolutePath(), content);
        }
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FilePath base = getBase();
        FileChannel channel = base.open(mode);
        return new FaultyChannel(Path.of(base.getName()).toAbsolutePath(), channel);
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
                recordSynced(path, Files.readAllBytes(path));
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
