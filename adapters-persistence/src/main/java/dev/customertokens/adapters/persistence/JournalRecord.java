package dev.customertokens.adapters.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
sealed interface JournalRecord {

    byte ROTATION = 1;
    byte REVOCATION = 2;
    int HEADER_BYTES = 8;
    int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** @param deviceUuid null to keep the recorded device */
    record Rotation(long sessionId, String customerId, String expectedJti, String newJti, long rotatedAtMs,
                    String requestId, String deviceUuid) implements JournalRecord {
        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeByte(ROTATION);
            out.writeLong(sessionId);
            out.writeUTF(customerId);
            out.writeUTF(expectedJti);
            out.writeUTF(newJti);
            out.writeLong(rotatedAtMs);
            out.writeUTF(requestId);
            out.writeBoolean(deviceUuid != null);
            if (deviceUuid != null) {
                out.writeUTF(deviceUuid);
            }
        }

        @Override
        public int replay(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(SessionStatements.ROTATE)) {
                SessionStatements.bindRotation(statement, this);
                return statement.executeUpdate();
            }
        }
    }

    record Revocation(long sessionId, String customerId, long atMs, String reason) implements JournalRecord {
        @Override
        public void writePayload(DataOutputStream out) throws IOException {
            out.writeByte(REVOCATION);
            out.writeLong(sessionId);
            out.writeUTF(customerId);
            out.writeLong(atMs);
            out.writeUTF(reason);
        }

        @Override
        public int replay(Connection connection) throws SQLException {
            return SessionStatements.revokeOwned(connection, this);
        }
    }

    void writePayload(DataOutputStream out) throws IOException;

    /** Applies the write again, as the compare-and-set it was; @return the rows it changed (0 when already applied) */
    int replay(Connection connection) throws SQLException;

    /** The record as a frame, ready to append. */
    default byte[] frame() {
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
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
            byte type = in.readByte();
            if (type == ROTATION) {
                long sessionId = in.readLong();
                String customerId = in.readUTF();
                String expectedJti = in.readUTF();
                String newJti = in.readUTF();
                long rotatedAtMs = in.readLong();
                String requestId = in.readUTF();
                String device = in.readBoolean() ? in.readUTF() : null;
                return new Rotation(sessionId, customerId, expectedJti, newJti, rotatedAtMs, requestId, device);
            }
            if (type == REVOCATION) {
                return new Revocation(in.readLong(), in.readUTF(), in.readLong(), in.readUTF());
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
