package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.repository.SessionWrite;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalRecordTest {

    private static final JournalRecord.Change ROTATION = new JournalRecord.Change(new SessionWrite.Rotation(42, "customer-1", "jti-1",
            "jti-2", 1_795_888_078_123L, "dfe7c688-84ba-455c-a691-ec52921231f5", "device-é"));
    private static final JournalRecord.Change ROTATION_WITHOUT_DEVICE = new JournalRecord.Change(new SessionWrite.Rotation(43,
            "customer-1", "jti-1", "jti-2", 1L, "r", null));
    private static final JournalRecord.Change REVOCATION = new JournalRecord.Change(new SessionWrite.Revocation(42, "customer-1",
            1_795_888_078_456L, "REUSE_DETECTED"));

    @Test
    void records_read_back_as_written_in_order() {
        ByteBuffer segment = ByteBuffer.wrap(concat(ROTATION.frame(), ROTATION_WITHOUT_DEVICE.frame(), REVOCATION.frame()));

        assertThat(JournalRecord.next(segment)).isEqualTo(ROTATION);
        assertThat(JournalRecord.next(segment)).isEqualTo(ROTATION_WITHOUT_DEVICE);
        assertThat(JournalRecord.next(segment)).isEqualTo(REVOCATION);
        assertThat(JournalRecord.next(segment)).isNull();
    }

    @Test
    void a_rotation_past_lost_rotations_keeps_the_token_it_made_previous() {
        JournalRecord forward = new JournalRecord.Change(new SessionWrite.Rotation(44, "customer-1", "jti-1", "jti-9",
                2L, "r", null, "jti-7-lost"));
        assertThat(JournalRecord.next(ByteBuffer.wrap(forward.frame()))).isEqualTo(forward);
    }

    @Test
    void a_rotation_journalled_before_the_presented_token_was_kept_reads_as_a_rotation_of_the_current_one() {
        byte[] frame = unversionedRotationFrame(45, "customer-1", "jti-1", "jti-2", null, 3L, "r");
        assertThat(JournalRecord.next(ByteBuffer.wrap(frame))).isEqualTo(new JournalRecord.Change(
                new SessionWrite.Rotation(45, "customer-1", "jti-1", "jti-2", 3L, "r", null)));
    }

    /** A journal the previous release left after a crash holds acknowledged rotations: they still replay. */
    @Test
    void a_rotation_the_previous_release_wrote_reads_with_the_token_it_made_previous() {
        byte[] frame = unversionedRotationFrame(46, "customer-1", "jti-1", "jti-9", "jti-7-lost", 4L, "r");
        assertThat(JournalRecord.next(ByteBuffer.wrap(frame))).isEqualTo(new JournalRecord.Change(
                new SessionWrite.Rotation(46, "customer-1", "jti-1", "jti-9", 4L, "r", null, "jti-7-lost")));
    }

    @Test
    void every_payload_begins_with_the_format_and_withdrawals_and_probes_read_back() {
        JournalRecord withdrawal = new JournalRecord.Withdrawal(7, 1_234);
        JournalRecord probe = new JournalRecord.Probe();
        for (JournalRecord record : new JournalRecord[] {ROTATION, REVOCATION, withdrawal, probe}) {
            assertThat(record.frame()[JournalRecord.HEADER_BYTES]).isEqualTo(JournalRecord.FORMAT);
        }
        ByteBuffer segment = ByteBuffer.wrap(concat(withdrawal.frame(), probe.frame()));
        assertThat(JournalRecord.next(segment)).isEqualTo(withdrawal);
        assertThat(JournalRecord.next(segment)).isEqualTo(probe);
    }

    @Test
    void a_whole_frame_of_an_unknown_format_or_type_is_an_error_not_an_end() {
        assertThatThrownBy(() -> JournalRecord.next(ByteBuffer.wrap(frame(new byte[] {(byte) 0x83, 1}))))
                .isInstanceOf(JournalRecord.UnknownRecordException.class).hasMessageContaining("format 0x83");
        assertThatThrownBy(() -> JournalRecord.next(ByteBuffer.wrap(frame(new byte[] {JournalRecord.FORMAT, 9}))))
                .isInstanceOf(JournalRecord.UnknownRecordException.class).hasMessageContaining("type 9");
    }

    /**
     * A rotation as the release before the format byte wrote it: type 1 without the presented token, type 3 with
     * it ({@code presented} not null).
     */
    static byte[] unversionedRotationFrame(long sessionId, String customer, String expected, String next,
                                           String presented, long atMs, String requestId) {
        try {
            ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream();
            java.io.DataOutputStream payload = new java.io.DataOutputStream(payloadBytes);
            payload.writeByte(presented == null ? 1 : 3);
            payload.writeLong(sessionId);
            payload.writeUTF(customer);
            payload.writeUTF(expected);
            payload.writeUTF(next);
            if (presented != null) {
                payload.writeUTF(presented);
            }
            payload.writeLong(atMs);
            payload.writeUTF(requestId);
            payload.writeBoolean(false);
            return frame(payloadBytes.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A frame around any payload, its checksum valid. */
    static byte[] frame(byte[] payload) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(8 + payload.length).putInt(payload.length).putInt((int) crc.getValue()).put(payload)
                .array();
    }

    @Test
    void a_frame_torn_by_a_kill_ends_the_segment_without_inventing_a_record() {
        byte[] whole = concat(ROTATION.frame(), REVOCATION.frame());
        for (int cut = ROTATION.frame().length + 1; cut < whole.length; cut++) {
            ByteBuffer segment = ByteBuffer.wrap(whole, 0, cut).slice();
            assertThat(JournalRecord.next(segment)).isEqualTo(ROTATION);
            assertThat(JournalRecord.next(segment)).as("cut at %d", cut).isNull();
        }
    }

    @Test
    void a_corrupted_byte_fails_the_checksum() {
        byte[] frame = ROTATION.frame();
        frame[frame.length - 3] ^= 0x01;
        assertThat(JournalRecord.next(ByteBuffer.wrap(frame))).isNull();
    }

    @Test
    void a_record_holds_ids_and_times_never_a_token() {
        String text = new String(ROTATION.frame(), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("jti-2").doesNotContain("eyJ");
        assertThat(ROTATION.frame().length).isLessThan(200);
    }

    private static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
