package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.SessionStatements;
import dev.customertokens.adapters.persistence.repository.SessionWrite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.zip.CRC32C;

/**
 * One record of {@link RotationJournal}: a hot write to apply again as the compare-and-set it was, the withdrawal
 * of an earlier record whose transaction did not commit, or a probe that applies nothing (written to learn whether
 * the disk takes writes again). It holds ids and times, never a token.
 *
 * <p>On disk a record is a frame: its payload's length, the payload's CRC-32C, the payload. A payload begins with
 * its format ({@link #FORMAT}); a frame the previous release wrote begins with its type instead, and reads as it
 * was written ({@code docs/decisions/0017-journal-format-version.md}).
 */
sealed interface JournalRecord {

    /** The format this release writes: the high bit set, which no type of the unversioned format had. */
    byte FORMAT = (byte) 0x82;
    int HEADER_BYTES = 8;
    int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** A hot write, applied again at replay unless withdrawn. */
    record Change(SessionWrite write) implements JournalRecord {

        /** Applies the write again, as the compare-and-set it was; @return the rows it changed (0 when already applied) */
        int replay(Connection connection) throws SQLException {
            return SessionStatements.apply(connection, write);
        }
    }

    /** The record at {@code offset} of segment {@code segment} did not commit: replay skips it. */
    record Withdrawal(long segment, long offset) implements JournalRecord {
    }

    /** Nothing to apply. */
    record Probe() implements JournalRecord {
    }

    /** The record as a frame, ready to append. */
    default byte[] frame() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(0);
            out.writeByte(FORMAT);
            JournalRecordFormat.write(this, out);
            out.flush();
            byte[] frame = bytes.toByteArray();
            int length = frame.length - HEADER_BYTES;
            CRC32C crc = new CRC32C();
            crc.update(frame, HEADER_BYTES, length);
            ByteBuffer.wrap(frame).putInt(length).putInt((int) crc.getValue());
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the frame at {@code segment}'s position (a whole segment file in memory), advancing past it.
     *
     * @return the record, or null when no whole frame with a valid checksum starts there (the end, a torn frame,
     *         damage); the position is then unchanged
     * @throws UnknownRecordException when the frame is whole but of a format or type this release does not know
     */
    static JournalRecord next(ByteBuffer segment) {
        int start = segment.position();
        byte[] payload = payloadAt(segment, start);
        if (payload == null) {
            return null;
        }
        segment.position(start + HEADER_BYTES + payload.length);
        try {
            return JournalRecordFormat.read(new DataInputStream(new ByteArrayInputStream(payload)));
        } catch (IOException e) {
            throw new UnknownRecordException("a record whose fields do not match its type: " + e);
        }
    }

    /** Whether a whole frame with a valid checksum starts at {@code offset}, whatever its payload says. */
    static boolean isFrameAt(ByteBuffer segment, int offset) {
        return payloadAt(segment, offset) != null;
    }

    private static byte[] payloadAt(ByteBuffer segment, int offset) {
        if (segment.limit() - offset < HEADER_BYTES) {
            return null;
        }
        int length = segment.getInt(offset);
        int expectedCrc = segment.getInt(offset + 4);
        if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > segment.limit() - offset - HEADER_BYTES) {
            return null;
        }
        byte[] payload = new byte[length];
        segment.get(offset + HEADER_BYTES, payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == expectedCrc ? payload : null;
    }

    /** A whole frame this release cannot read: written by a newer release, or by no release at all. */
    final class UnknownRecordException extends IllegalStateException {
        UnknownRecordException(String message) {
            super(message);
        }
    }
}
