package dev.customertokens.adapters.persistence.h2;

import java.io.Closeable;
import java.io.IOException;

/** A journal file open for appending ({@link JournalFiles}). */
public interface JournalFile extends Closeable {

    void append(byte[] bytes) throws IOException;

    /** Returns once everything appended so far is on the disk. */
    void sync() throws IOException;

    /** Cuts the file back to {@code size} bytes; later appends follow them. */
    void truncate(long size) throws IOException;
}
