package dev.customertokens.adapters.persistence.h2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings back what the database lost of the journal an earlier owner left: every record applied again, in
 * journal order, as the compare-and-set it was (records the database kept change nothing), except those withdrawn
 * because their transaction did not commit; then a checkpoint, and only then are the segments deleted. Nothing is
 * applied unless every segment reads to its end ({@link JournalSegmentReader}).
 */
final class JournalReplay {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);
    /** Rotations lost by H2 and kept only in the journal are replayed in batches of this many per transaction. */
    private static final int BATCH = 1_000;

    private JournalReplay() {
    }

    /**
     * Replays, checkpoints (synced when {@code syncs}) and deletes the segments left in {@code directory}.
     *
     * @return the next segment number
     */
    static long replayLeftSegments(Path directory, ConnectionOpener connections, boolean syncs)
            throws IOException, SQLException {
        List<Path> segments = JournalSegment.filesIn(directory);
        if (segments.isEmpty()) {
            return 1;
        }
        long last = JournalSegment.numberOf(segments.get(segments.size() - 1));
        List<List<JournalSegmentReader.Entry>> read = new ArrayList<>();
        Set<JournalRecord.Withdrawal> withdrawn = new HashSet<>();
        for (Path segment : segments) {
            List<JournalSegmentReader.Entry> entries = JournalSegmentReader.read(segment);
            read.add(entries);
            for (JournalSegmentReader.Entry entry : entries) {
                if (entry.record() instanceof JournalRecord.Withdrawal withdrawal) {
                    withdrawn.add(withdrawal);
                }
            }
        }
        int records = 0;
        int applied = 0;
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < segments.size(); i++) {
                long number = JournalSegment.numberOf(segments.get(i));
                for (JournalSegmentReader.Entry entry : read.get(i)) {
                    if (entry.record() instanceof JournalRecord.Change change
                            && !withdrawn.contains(new JournalRecord.Withdrawal(number, entry.offset()))) {
                        applied += change.replay(connection);
                        if (++records % BATCH == 0) {
                            connection.commit();
                        }
                    }
                }
            }
            connection.commit();
            FileCheckpoint.run(connection, syncs);
        }
        for (Path segment : segments) {
            Files.delete(segment);
        }
        LOG.info("journal replayed: {} records in {} segments, {} of them lost by the database and restored",
                records, segments.size(), applied);
        return last + 1;
    }
}
