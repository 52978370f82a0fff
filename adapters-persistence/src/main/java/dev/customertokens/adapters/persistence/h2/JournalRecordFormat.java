package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.SessionWrite;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The fields of each {@link JournalRecord} after its format byte, as this release writes them, and as the
 * unversioned format before it wrote them (read only: its first byte was the type).
 */
final class JournalRecordFormat {

    private static final byte ROTATION = 1;
    private static final byte REVOCATION = 2;
    private static final byte WITHDRAWAL = 3;
    private static final byte PROBE = 4;

    /** A rotation written before rotations carried the presented token: that token was the expected one. */
    private static final byte UNVERSIONED_ROTATION_OF_CURRENT = 1;
    private static final byte UNVERSIONED_REVOCATION = 2;
    private static final byte UNVERSIONED_ROTATION = 3;

    private JournalRecordFormat() {
    }

    static void write(JournalRecord record, DataOutputStream out) throws IOException {
        if (record instanceof JournalRecord.Change change) {
            if (change.write() instanceof SessionWrite.Rotation rotation) {
                out.writeByte(ROTATION);
                writeRotation(rotation, out);
            } else {
                SessionWrite.Revocation revocation = (SessionWrite.Revocation) change.write();
                out.writeByte(REVOCATION);
                out.writeLong(revocation.sessionId());
                out.writeUTF(revocation.customerId());
                out.writeLong(revocation.atMs());
                out.writeUTF(revocation.reason());
            }
        } else if (record instanceof JournalRecord.Withdrawal withdrawal) {
            out.writeByte(WITHDRAWAL);
            out.writeLong(withdrawal.segment());
            out.writeLong(withdrawal.offset());
        } else {
            out.writeByte(PROBE);
        }
    }

    private static void writeRotation(SessionWrite.Rotation rotation, DataOutputStream out) throws IOException {
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
    }

    /** @throws JournalRecord.UnknownRecordException for a format or a type this release does not know */
    static JournalRecord read(DataInputStream in) throws IOException {
        byte first = in.readByte();
        if (first == JournalRecord.FORMAT) {
            byte type = in.readByte();
            return switch (type) {
                case ROTATION -> new JournalRecord.Change(readRotation(in, true));
                case REVOCATION -> new JournalRecord.Change(readRevocation(in));
                case WITHDRAWAL -> new JournalRecord.Withdrawal(in.readLong(), in.readLong());
                case PROBE -> new JournalRecord.Probe();
                default -> throw new JournalRecord.UnknownRecordException("a record of unknown type " + type);
            };
        }
        return switch (first) {
            case UNVERSIONED_ROTATION -> new JournalRecord.Change(readRotation(in, true));
            case UNVERSIONED_ROTATION_OF_CURRENT -> new JournalRecord.Change(readRotation(in, false));
            case UNVERSIONED_REVOCATION -> new JournalRecord.Change(readRevocation(in));
            default -> throw new JournalRecord.UnknownRecordException(String.format(
                    "a record of unknown format 0x%02x (a newer release's journal?)", first & 0xff));
        };
    }

    private static SessionWrite.Rotation readRotation(DataInputStream in, boolean withPresented) throws IOException {
        long sessionId = in.readLong();
        String customerId = in.readUTF();
        String expectedJti = in.readUTF();
        String newJti = in.readUTF();
        String presentedJti = withPresented ? in.readUTF() : expectedJti;
        long rotatedAtMs = in.readLong();
        String requestId = in.readUTF();
        String device = in.readBoolean() ? in.readUTF() : null;
        return new SessionWrite.Rotation(sessionId, customerId, expectedJti, newJti, rotatedAtMs, requestId, device,
                presentedJti);
    }

    private static SessionWrite.Revocation readRevocation(DataInputStream in) throws IOException {
        return new SessionWrite.Revocation(in.readLong(), in.readUTF(), in.readLong(), in.readUTF());
    }
}
