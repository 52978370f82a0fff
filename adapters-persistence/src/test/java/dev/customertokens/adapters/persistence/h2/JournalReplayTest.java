package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replay of the segments a journal's owner left behind, written here as a killed process leaves them. */
class JournalReplayTest {

    private static final String CUSTOMER = "replayed-customer";

    @TempDir
    Path directory;

    private String url;
    private Path journal;

    @BeforeEach
    void aSessionAndNoJournal() throws IOException {
        Path file = directory.resolve("tokens").toAbsolutePath();
        url = "jdbc:h2:file:" + file;
        journal = Path.of(file + RotationJournal.DIRECTORY_SUFFIX);
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            database.sessions().create(Session.begin(SessionId.of(1), CustomerId.of(CUSTOMER), ApplicationId.of(15), null,
                    Instant.EPOCH, "jti-0"));
        }
        assertThat(journal).isDirectory();
    }

    @Test
    void every_record_of_every_segment_is_applied_in_order() throws Exception {
        writeSegment(1, rotation(0, 1), rotation(1, 2));
        writeSegment(2, rotation(2, 3));

        assertThat(reopenedCurrentJti()).isEqualTo("jti-3");
    }

    @Test
    void a_torn_last_frame_ends_its_segment_and_the_records_before_it_are_applied() throws Exception {
        byte[] last = rotation(1, 2);
        byte[] torn = new byte[last.length / 2];
        System.arraycopy(last, 0, torn, 0, torn.length);
        writeSegment(1, rotation(0, 1), torn);

        assertThat(reopenedCurrentJti()).isEqualTo("jti-1");
    }

    /** One damaged sector must not silently drop every record after it: the database is not opened. */
    @Test
    void a_damaged_frame_in_the_middle_of_a_segment_stops_the_opening_naming_the_segment_and_the_offset() throws Exception {
        byte[] first = rotation(0, 1);
        byte[] damaged = rotation(1, 2);
        damaged[damaged.length - 5] ^= 0x40;
        Path segment = writeSegment(1, first, damaged, rotation(2, 3));

        assertThatThrownBy(this::reopenedCurrentJti)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("offset " + first.length);
        assertThat(segment).as("the damaged segment, kept for the operator").exists();
    }

    @Test
    void a_record_of_a_format_this_release_does_not_know_stops_the_opening() throws Exception {
        Path segment = writeSegment(1, rotation(0, 1), frame(new byte[] {(byte) 0x9f, 1, 2, 3}));

        assertThatThrownBy(this::reopenedCurrentJti)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("format");
    }

    @Test
    void a_segment_the_previous_release_left_is_replayed() throws Exception {
        writeSegment(1, JournalRecordTest.unversionedRotationFrame(1, CUSTOMER, "jti-0", "jti-1", "jti-0", 1_000L, "r-1"),
                JournalRecordTest.unversionedRotationFrame(1, CUSTOMER, "jti-1", "jti-2", null, 2_000L, "r-2"));

        assertThat(reopenedCurrentJti()).isEqualTo("jti-2");
    }

    /**
     * A rotation journalled whose commit failed, then another rotation of the same token that committed: only the
     * second is what clients were told.
     */
    @Test
    void a_withdrawn_record_is_not_applied() throws Exception {
        byte[] failed = new JournalRecord.Change(new SessionWrite.Rotation(1, CUSTOMER, "jti-0", "jti-1a", 1_000L,
                "request-a", null)).frame();
        byte[] committed = new JournalRecord.Change(new SessionWrite.Rotation(1, CUSTOMER, "jti-0", "jti-1b", 1_001L,
                "request-b", null)).frame();
        writeSegment(3, failed, new JournalRecord.Withdrawal(3, 0).frame(), committed);

        assertThat(reopenedCurrentJti()).isEqualTo("jti-1b");
    }

    /** A transaction that did not commit, and nothing after it: its withdrawal alone keeps it out. */
    @Test
    void a_withdrawn_record_with_nothing_after_it_is_not_applied() throws Exception {
        writeSegment(3, rotation("jti-0", "jti-1"), new JournalRecord.Withdrawal(3, 0).frame());

        assertThat(reopenedCurrentJti()).isEqualTo("jti-0");
    }

    /**
     * A record kept because its commit threw, which had not committed: a later rotation from the same token matched,
     * was answered, and must win the replay.
     */
    @Test
    void a_rotation_a_later_rotation_from_the_same_token_shows_never_committed_is_not_applied() throws Exception {
        writeSegment(3, rotation("jti-0", "jti-1a"));
        writeSegment(4, rotation("jti-0", "jti-1b"), rotation("jti-1b", "jti-2"));

        assertThat(reopenedCurrentJti()).isEqualTo("jti-2");
    }

    /** Nothing of a session matches once its revocation committed: a later rotation shows it never did. */
    @Test
    void a_revocation_a_later_rotation_shows_never_committed_is_not_applied() throws Exception {
        byte[] unknown = new JournalRecord.Change(new SessionWrite.Revocation(1, CUSTOMER, 1_000L, "REUSE_DETECTED"))
                .frame();
        writeSegment(1, unknown, rotation(0, 1));

        Session session = reopenedSession();
        assertThat(session.isRevoked()).as("revoked").isFalse();
        assertThat(session.currentJti()).isEqualTo("jti-1");
    }

    /** Records that nothing later contradicts apply: a rotation and its successor, then a revocation after them. */
    @Test
    void a_record_followed_by_a_revocation_or_by_its_successor_is_applied() throws Exception {
        writeSegment(1, rotation(0, 1), rotation(1, 2),
                new JournalRecord.Change(new SessionWrite.Revocation(1, CUSTOMER, 3_000L, "REUSE_DETECTED")).frame());

        Session session = reopenedSession();
        assertThat(session.currentJti()).isEqualTo("jti-2");
        assertThat(session.isRevoked()).as("revoked").isTrue();
    }

    private String reopenedCurrentJti() {
        return reopenedSession().currentJti();
    }

    private Session reopenedSession() {
        try (Database database = Database.open(DatabaseSettings.of(url, "sa", ""))) {
            return database.sessions().find(SessionId.of(1)).orElseThrow();
        }
    }

    private static byte[] rotation(int from, int to) {
        return new JournalRecord.Change(new SessionWrite.Rotation(1, CUSTOMER, "jti-" + from, "jti-" + to, 1_000L * to,
                "request-" + to, null)).frame();
    }

    private static byte[] rotation(String from, String to) {
        return new JournalRecord.Change(new SessionWrite.Rotation(1, CUSTOMER, from, to, 1_000L, "request-" + to, null))
                .frame();
    }

    private static byte[] frame(byte[] payload) {
        return JournalRecordTest.frame(payload);
    }

    private Path writeSegment(long number, byte[]... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            bytes.writeBytes(frame);
        }
        Path segment = journal.resolve(String.format("segment-%016d.log", number));
        Files.write(segment, bytes.toByteArray());
        return segment;
    }
}
