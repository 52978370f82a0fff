package dev.customertokens.adapters.persistence.h2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One segment file of the journal: its records appended in order, its size, how much of it is known whole (written
 * in full; in power mode, synced), and how many transactions that appended to it have not ended yet. Segments are
 * numbered in the order they were opened, and their file names sort in that order.
 */
final class JournalSegment {

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";

    final long number;
    final Path path;
    final JournalFile file;
    final AtomicInteger openTransactions = new AtomicInteger();
    long bytes;
    /** What a failed write or sync leaves the segment cut back to. */
    long intactBytes;

    private JournalSegment(long number, Path path, JournalFile file) {
        this.number = number;
        this.path = path;
        this.file = file;
    }

    /** Creates segment {@code number} in {@code directory}, empty and open for appending. */
    static JournalSegment create(JournalFiles files, Path directory, long number) throws IOException {
        Path path = directory.resolve(String.format("%s%016d%s", PREFIX, number, SUFFIX));
        return new JournalSegment(number, path, files.create(path));
    }

    /** The segment files in {@code directory}, in the order they were opened. */
    static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                            && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted((a, b) -> Long.compare(numberOf(a), numberOf(b)))
                    .toList();
        }
    }

    static long numberOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }
}
