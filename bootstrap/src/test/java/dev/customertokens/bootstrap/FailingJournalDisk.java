package dev.customertokens.bootstrap;

import dev.customertokens.adapters.persistence.h2.JournalFile;
import dev.customertokens.adapters.persistence.h2.JournalFiles;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The disk, as an H2 file system ({@code jdbc:h2:failing-journal:/path}) whose journal files ({@link JournalFiles})
 * refuse every append, sync and new file while {@link #failing} says so, as a full disk does. H2's own file is left
 * alone. The switch is static, as H2 makes its file systems itself.
 */
public final class FailingJournalDisk extends FilePathWrapper implements JournalFiles {

    private static final String SCHEME = "failing-journal";
    private static volatile boolean failing;

    static String url(Path path) {
        FilePath.register(new FailingJournalDisk());
        return "jdbc:h2:" + SCHEME + ":" + path.toAbsolutePath();
    }

    static void failing(boolean fail) {
        failing = fail;
    }

    /** The disk, unless it is full. */
    private static JournalFiles withRoom() throws IOException {
        checkRoom();
        return JournalFiles.ON_DISK;
    }

    private static void checkRoom() throws IOException {
        if (failing) {
            throw new IOException("No space left on device");
        }
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public void createDirectory(Path directory) throws IOException {
        JournalFiles.ON_DISK.createDirectory(directory);
    }

    @Override
    public void delete(Path file) throws IOException {
        JournalFiles.ON_DISK.delete(file);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        withRoom().syncDirectory(directory);
    }

    @Override
    public JournalFile create(Path file) throws IOException {
        JournalFile created = withRoom().create(file);
        return new JournalFile() {
            @Override
            public void append(byte[] bytes) throws IOException {
                checkRoom();
                created.append(bytes);
            }

            @Override
            public void sync() throws IOException {
                checkRoom();
                created.sync();
            }

            @Override
            public void truncate(long size) throws IOException {
                created.truncate(size);
            }

            @Override
            public void close() throws IOException {
                created.close();
            }
        };
    }
}
