package dev.customertokens.bootstrap.cli.imports;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entries of an import file in the order their accounts are written: by id, in runs of at most
 * {@code runSize} entries taken in the file's order. Accounts written in the order of the table's key change
 * each leaf of its B-tree once, where the file's order would change a leaf for nearly every account
 * ({@code docs/decisions/0022-import-in-key-order.md}). Only where each entry is and its key are kept, 24 bytes an
 * entry up to a run; a full run is sorted and set aside in a temporary file, 8 bytes an entry.
 *
 * <p>The key is the id's first {@value #KEY_CHARACTERS} characters, in the order of the characters' codes: the
 * table's order for ids that differ in those, and for the rest an order close enough. Entries with the same key
 * keep the file's order, so that of an id given twice the later one is written last.
 */
final class ImportOrder implements Closeable {

    /** A run: a million entries, 24 MiB while it is read. */
    static final int RUN = 1 << 20;
    /** The longest entry: a position keeps its length in 24 bits. */
    static final int LONGEST_ENTRY = (1 << 24) - 1;
    /** The largest file: a position keeps its offset in the other 40. */
    static final long LARGEST_FILE = 1L << 40;
    private static final int KEY_CHARACTERS = 20;
    /** The characters of a customer id (CustomerId), in the order of their codes. */
    private static final String ID_CHARACTERS = "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    /** Receives where each entry is, in the order its account is to be written. */
    interface Positions {
        void accept(long offset, int length) throws IOException;
    }

    private final int runSize;
    private final Path temporaryFolder;
    /** Per entry: the key's two halves and the entry's position (offset and length); grown up to a run. */
    private long[] entries = new long[3 * 1024];
    private int count;
    private final List<Integer> setAside = new ArrayList<>();
    private Path runsFile;
    private DataOutputStream runs;

    /** @param temporaryFolder where a full run is set aside */
    ImportOrder(int runSize, Path temporaryFolder) {
        this.runSize = runSize;
        this.temporaryFolder = temporaryFolder;
    }

    /**
     * @param offset where the entry's object begins in the file, below {@value #LARGEST_FILE}
     * @param length its length in bytes, at most {@value #LONGEST_ENTRY}
     * @throws ImportException for an entry too long, or too far into the file, to place
     */
    void add(String id, long offset, int length) throws IOException {
        if (length > LONGEST_ENTRY) {
            throw new ImportException(List.of("the account at byte " + offset + " takes " + length
                    + " bytes; an account may take at most " + LONGEST_ENTRY));
        }
        if (offset < 0 || offset >= LARGEST_FILE) {
            throw new ImportException(List.of("the file is larger than " + LARGEST_FILE + " bytes"));
        }
        if (count == runSize) {
            setAsideRun();
        } else if (3 * count == entries.length) {
            entries = Arrays.copyOf(entries, 3 * Math.min(2 * count, runSize));
        }
        entries[3 * count] = keyPart(id, 0);
        entries[3 * count + 1] = keyPart(id, KEY_CHARACTERS / 2);
        entries[3 * count + 2] = offset << 24 | length;
        count++;
    }

    /** Gives every entry's position: the runs in the file's order, each run's entries in the order of their keys. */
    void forEachInOrder(Positions positions) throws IOException {
        if (runs != null) {
            runs.close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(runsFile)))) {
                for (int run : setAside) {
                    for (int i = 0; i < run; i++) {
                        give(in.readLong(), positions);
                    }
                }
            }
        }
        sort(count);
        for (int i = 0; i < count; i++) {
            give(entries[3 * i + 2], positions);
        }
    }

    @Override
    public void close() throws IOException {
        if (runs != null) {
            try {
                runs.close();
            } finally {
                Files.deleteIfExists(runsFile);
            }
        }
    }

    private void setAsideRun() throws IOException {
        if (runs == null) {
            runsFile = Files.createTempFile(temporaryFolder, "customer-tokens-import-order", ".bin");
            runsFile.toFile().deleteOnExit(); // also when the import is interrupted
            runs = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(runsFile)));
        }
        sort(count);
        for (int i = 0; i < count; i++) {
            runs.writeLong(entries[3 * i + 2]);
        }
        setAside.add(count);
        count = 0;
    }

    private static void give(long position, Positions positions) throws IOException {
        positions.accept(position >>> 24, (int) (position & LONGEST_ENTRY));
    }

    /**
     * Ten characters of the id from {@code from} as the digits of a number in base 65: a missing character is 0,
     * the others 1 to 64 in their order, so that an id sorts before the ids it begins.
     */
    static long keyPart(String id, int from) {
        long part = 0;
        for (int i = from; i < from + KEY_CHARACTERS / 2; i++) {
            int digit = i < id.length() ? ID_CHARACTERS.indexOf(id.charAt(i)) + 1 : 0;
            part = part * (ID_CHARACTERS.length() + 1) + digit;
        }
        return part;
    }

    // a heapsort of the entries in place: boxed entries would take several times the memory, and a quicksort's
    // worst cases (two sorted exports one after the other) are ordinary import files
    private void sort(int count) {
        for (int root = count / 2 - 1; root >= 0; root--) {
            siftDown(root, count);
        }
        for (int end = count - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
    }

    private void siftDown(int root, int size) {
        for (int child = 2 * root + 1; child < size; child = 2 * root + 1) {
            if (child + 1 < size && compare(child, child + 1) < 0) {
                child++;
            }
            if (compare(root, child) >= 0) {
                return;
            }
            swap(root, child);
            root = child;
        }
    }

    /** By key, then by offset: the file's order for equal keys. */
    private int compare(int a, int b) {
        int byKey = Long.compare(entries[3 * a], entries[3 * b]);
        if (byKey == 0) {
            byKey = Long.compare(entries[3 * a + 1], entries[3 * b + 1]);
        }
        return byKey != 0 ? byKey : Long.compareUnsigned(entries[3 * a + 2], entries[3 * b + 2]);
    }

    private void swap(int a, int b) {
        for (int k = 0; k < 3; k++) {
            long kept = entries[3 * a + k];
            entries[3 * a + k] = entries[3 * b + k];
            entries[3 * b + k] = kept;
        }
    }
}
