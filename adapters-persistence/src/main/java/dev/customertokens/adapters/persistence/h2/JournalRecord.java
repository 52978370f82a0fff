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
 * One hot write as {@link RotationJournal} keeps it: enough to apply it again, as the same
 * compare-and-set, to a database that lost it. It holds ids and times, never a token.
 *
 * <p>On disk a record is a frame: its payload's length, the payload's CRC-32C, the payload. A torn frame
 * at the end of a segment (the process died in the middle of a write) fails its length or checksum and
 * ends the replay of that segment; nobody was told of a write whose frame was torn.
 */
record JournalRecord(SessionWrite write) {

    /** A rotation written before rotations carried the presented token: that token was the expected one. */
    private static final byte ROTATION_OF_CURRENT = 1;
    private static final byte REVOCATION = 2;
    private static final byte ROTATION = 3;
    private static final int HEADER_BYTES = 8;
    private static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** Applies the write again, as the compare-and-set it was; @return the rows it changed (0 when already applied) */
    int replay(Connection connection) throws SQLException {
        return SessionStatements.apply(connection, write);
    }

    /** The record as a frame, ready to append. */
    byte[] frame() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(0);
            writePayload(out);
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

    private void writePayload(DataOutputStream out) throws IOException {
        if (write instanceof SessionWrite.Rotation rotation) {
            out.writeByte(ROTATION);
            out.writeLong(rotation.sessionId());
            out.writeUTF(rotation.customerId());
            out.writeUTF(rotation.expectedJti());
            out.writeUTF(rotation.newJti());
            out.writeUTF(rotation.presentedJti());
            out.writeLong(rotation.rotatedAtMs());
            out.writeUTF(rotation.requestId());
            out.writeBoolean(rotation.deviceUuid() != null);
            if (rotation.deviceUuid() != null) {
                out.writeUTF(rotation.deviceUuid());
            }
        } else {
            SessionWrite.Revocation revocation = (SessionWrite.Revocation) write;
            out.writeByte(REVOCATION);
            out.writeLong(revocation.sessionId());
            out.writeUTF(revocation.customerId());
            out.writeLong(revocation.atMs());
            out.writeUTF(revocation.reason());
        }
    }

    /**
     * Reads the next frame of {@code segment} (a whole segment file in memory), advancing it; null at the
     * end or at a torn or corrupt frame.
     */
    static JournalRecord next(ByteBuffer segment) {
        if (segment.remaining() < HEADER_BYTES) {
            return null;
        }
        int length = segment.getInt();
        int expectedCrc = segment.getInt();
        if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > segment.remaining()) {
            return null;
        }
        byte[] payload = new byte[length];
        segment.get(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != expectedCrc) {
            return null;
        }
        try {
            SessionWrite write = readPayload(new DataInputStream(new ByteArrayInputStream(payload)));
            return write == null ? null : new JournalRecord(write);
        } catch (IOException e) {
            return null;
        }
    }

    private static SessionWrite readPayload(DataInputStream in) throws IOException {
        byte type = in.readByte();
        if (type == ROTATION || type == ROTATION_OF_CURRENT) {
            long sessionId = in.readLong();
            String customerId = in.readUTF();
            String expectedJti = in.readUTF();
            String newJti = in.readUTF();
            String presentedJti = type == ROTATION ? in.readUTF() : expectedJti;
            long rotatedAtMs = in.readLong();
            String requestId = in.readUTF();
            String device = in.readBoolean() ? in.readUTF() : null;
            return new SessionWrite.Rotation(sessionId, customerId, expectedJti, newJti, rotatedAtMs, requestId, device,
                    presentedJti);
        }
        if (type == REVOCATION) {
            return new SessionWrite.Revocation(in.readLong(), in.readUTF(), in.readLong(), in.readUTF());
        }
        return null;
    }
}
