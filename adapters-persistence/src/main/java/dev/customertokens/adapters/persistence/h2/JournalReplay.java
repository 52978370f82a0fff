package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.SessionWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings back what the database lost of the journal an earlier owner left: every record applied again, in
 * journal order, as the compare-and-set it was (records the database kept change nothing), except those withdrawn
 * because their transaction did not commit, and those a later record shows never committed; then a checkpoint, and
 * only then are the segments deleted. Nothing is applied unless every segment reads to its end
 * ({@link JournalSegmentReader}).
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
        List<JournalRecord.Change> changes = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            long number = JournalSegment.numberOf(segments.get(i));
            for (JournalSegmentReader.Entry entry : read.get(i)) {
                if (entry.record() instanceof JournalRecord.Change change
                        && !withdrawn.contains(new JournalRecord.Withdrawal(number, entry.offset()))) {
                    changes.add(change);
                }
            }
        }
        boolean[] neverCommitted = neverCommitted(changes);
        int records = 0;
        int applied = 0;
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < changes.size(); i++) {
                if (!neverCommitted[i]) {
                    applied += changes.get(i).replay(connection);
                    if (++records % BATCH == 0) {
                        connection.commit();
                    }
                }
            }
            connection.commit();
            FileCheckpoint.run(connection, syncs);
        }
        for (Path segment : segments) {
            Files.delete(segment);
        }
        LOG.info("journal replayed: {} records in {} segments, {} of them lost by the database and restored, "
                + "{} passed over as never committed", records, segments.size(), applied, changes.size() - records);
        return last + 1;
    }

    /**
     * Which records a later record of the same session shows never committed: a record whose commit threw stays
     * (it may have committed), and the rows its transaction freed may have been written again. A rotation matched
     * only while its expected token was current, so an earlier rotation from the same token did not commit; nothing
     * of a session matches once a revocation of it committed. Applied, such a record would take the compare-and-set
     * from the later write, the one clients were answered.
     */
    private static boolean[] neverCommitted(List<JournalRecord.Change> changes) {
        boolean[] never = new boolean[changes.size()];
        Set<Long> sessionsWrittenLater = new HashSet<>();
        Map<Long, Set<String>> laterExpectedJtis = new HashMap<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            SessionWrite write = changes.get(i).write();
            if (write instanceof SessionWrite.Rotation rotation) {
                never[i] = !laterExpectedJtis.computeIfAbsent(write.sessionId(), session -> new HashSet<>())
                        .add(rotation.expectedJti());
            } else {
                never[i] = sessionsWrittenLater.contains(write.sessionId());
            }
            sessionsWrittenLater.add(write.sessionId());
        }
        return never;
    }
}
