package dev.customertokens.adapters.persistence.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a segment file's records in order. A frame that is not whole or fails its checksum ends the segment when
 * no whole frame follows it (the process died in the middle of a write, and nobody was told of that write); when
 * one does, the segment is damaged, and reading stops with an error naming the segment and the offset.
 */
final class JournalSegmentReader {

    /** A record and where it starts in its segment. */
    record Entry(long offset, JournalRecord record) {
    }

    private JournalSegmentReader() {
    }

    /** @throws JournalDamagedException when the segment is damaged, or holds a record this release cannot read */
    static List<Entry> read(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Entry> entries = new ArrayList<>();
        while (bytes.hasRemaining()) {
            int offset = bytes.position();
            JournalRecord record;
            try {
                record = JournalRecord.next(bytes);
            } catch (JournalRecord.UnknownRecordException e) {
                throw new JournalDamagedException(segment, offset, e.getMessage());
            }
            if (record == null) {
                if (wholeFrameAfter(bytes, offset)) {
                    throw new JournalDamagedException(segment, offset, "a frame that fails its length or checksum, "
                            + "with whole records after it");
                }
                break;
            }
            entries.add(new Entry(offset, record));
        }
        return entries;
    }

    private static boolean wholeFrameAfter(ByteBuffer bytes, int damaged) {
        for (int offset = damaged + 1; offset <= bytes.limit() - JournalRecord.HEADER_BYTES; offset++) {
            if (JournalRecord.isFrameAt(bytes, offset)) {
                return true;
            }
        }
        return false;
    }

    /** A segment the journal cannot read to its end: the database is not opened until an operator decides. */
    static final class JournalDamagedException extends IllegalStateException {
        JournalDamagedException(Path segment, long offset, String what) {
            super("the journal segment " + segment + " is damaged at offset " + offset + ": " + what
                    + "; the database was not opened (docs/operations.md, \"A damaged journal\")");
        }
    }
}
