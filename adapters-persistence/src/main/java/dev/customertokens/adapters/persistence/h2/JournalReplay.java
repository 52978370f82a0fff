package dev.customertokens.adapters.persistence.h2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Brings back what the database lost of the journal an earlier owner left: every record applied again, in
 * journal order, as the compare-and-set it was (records the database kept change nothing), then a
 * checkpoint, and only then are the segments deleted.
 */
final class JournalReplay {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);
    /** Rotations lost by H2 and kept only in the journal are replayed in batches of this many per transaction. */
    private static final int BATCH = 1_000;

    private JournalReplay() {
    }

    /** Replays, checkpoints and deletes the segments left in {@code directory}; @return the next segment number */
    static long replayLeftSegments(Path directory, ConnectionOpener connections) throws IOException, SQLException {
        List<Path> segments = JournalSegment.filesIn(directory);
        if (segments.isEmpty()) {
            return 1;
        }
        long last = JournalSegment.numberOf(segments.get(segments.size() - 1));
        int records = 0;
        int applied = 0;
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            for (Path segment : segments) {
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
                for (JournalRecord record = JournalRecord.next(bytes); record != null; record = JournalRecord.next(bytes)) {
                    applied += record.replay(connection);
                    if (++records % BATCH == 0) {
                        connection.commit();
                    }
                }
            }
            connection.commit();
            FileCheckpoint.run(connection, false);
        }
        for (Path segment : segments) {
            Files.delete(segment);
        }
        LOG.info("journal replayed: {} records in {} segments, {} of them lost by the database and restored",
                records, segments.size(), applied);
        return last + 1;
    }
}
