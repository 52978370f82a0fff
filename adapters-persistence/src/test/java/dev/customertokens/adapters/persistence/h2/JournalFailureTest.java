package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.EmbeddedDurability;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal that cannot be written (a full disk, an I/O error): the rotation is refused as unavailable, never
 * acknowledged; readiness reports it; once the disk takes writes again the journal goes on by itself, and what it
 * left in its segments reads to the end, the refused rotation cut off or withdrawn.
 */
class JournalFailureTest {

    private static final IOException DISK_FULL = new IOException("No space left on device");

    @TempDir
    Path directory;

    @BeforeEach
    @AfterEach
    void aDiskThatWorks() {
        FaultyFiles.reset();
    }

    @ParameterizedTest
    @EnumSource(EmbeddedDurability.class)
    void a_full_disk_refuses_rotations_and_readiness_until_it_has_room_again(EmbeddedDurability durability)
            throws Exception {
        refusedWhileFailingThenRecovered(durability, () -> FaultyFiles.failJournalWritesWith(DISK_FULL), true);
    }

    /** Half a record is left in the segment: it must be cut off, or the records after it would read as damage. */
    @ParameterizedTest
    @EnumSource(EmbeddedDurability.class)
    void a_record_written_part_way_is_cut_off_before_the_next_one(EmbeddedDurability durability) throws Exception {
        refusedWhileFailingThenRecovered(durability, () -> FaultyFiles.failJournalWritesPartWayWith(DISK_FULL), true);
    }

    @Test
    void a_failing_sync_in_power_mode_refuses_the_rotation_and_its_record_is_cut_off() throws Exception {
        refusedWhileFailingThenRecovered(EmbeddedDurability.POWER,
                () -> FaultyFiles.failJournalSyncsWith(new IOException("Input/output error")), true);
    }

    /** No readiness probe in between: the next rotation itself tries the journal again. */
    @ParameterizedTest
    @EnumSource(EmbeddedDurability.class)
    void the_next_rotation_tries_the_journal_again_by_itself(EmbeddedDurability durability) throws Exception {
        refusedWhileFailingThenRecovered(durability, () -> FaultyFiles.failJournalWritesWith(DISK_FULL), false);
    }

    private void refusedWhileFailingThenRecovered(EmbeddedDurability durability, Runnable fault, boolean probeReadiness)
            throws Exception {
        Path file = directory.resolve("tokens");
        try (Database database = Database.open(DatabaseSettings.builder().jdbcUrl(FaultyFiles.url(file)).user("sa")
                .password("").embeddedDurability(durability).build())) {
            Sessions sessions = database.sessions();
            SessionId id = sessions.nextId();
            CustomerId customer = CustomerId.of("c-" + id.value());
            sessions.create(Session.begin(id, customer, ApplicationId.of(15), null, Instant.EPOCH, "jti-0"));
            assertThat(sessions.rotate(rotation(id, customer, "jti-0", "jti-1"))).isTrue();
            assertThat(database.ping()).as("readiness before the fault").isEmpty();

            fault.run();
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> sessions.rotate(rotation(id, customer, "jti-1", "jti-refused")))
                        .isInstanceOf(StorageUnavailableException.class);
            }
            if (probeReadiness) {
                assertThat(database.ping()).as("readiness while the journal fails")
                        .hasValueSatisfying(problem -> assertThat(problem).contains("journal"));
            }
            assertThat(sessions.find(id).orElseThrow().currentJti()).isEqualTo("jti-1");

            FaultyFiles.reset();
            if (probeReadiness) {
                assertThat(database.ping()).as("readiness once the disk takes writes").isEmpty();
            }
            assertThat(sessions.rotate(rotation(id, customer, "jti-1", "jti-2"))).isTrue();
            assertThat(sessions.find(id).orElseThrow().currentJti()).isEqualTo("jti-2");
            assertThat(newJtisReplayWouldApply(Path.of(file + RotationJournal.DIRECTORY_SUFFIX)))
                    .contains("jti-1", "jti-2").doesNotContain("jti-refused");
        }
    }

    /** Reads every segment as a replay would (damage throws), and gives the rotations it would apply. */
    private static Set<String> newJtisReplayWouldApply(Path journal) throws IOException {
        List<JournalSegmentReader.Entry> changes = new ArrayList<>();
        List<Long> changeSegments = new ArrayList<>();
        Set<JournalRecord.Withdrawal> withdrawn = new HashSet<>();
        for (Path segment : JournalSegment.filesIn(journal)) {
            for (JournalSegmentReader.Entry entry : JournalSegmentReader.read(segment)) {
                if (entry.record() instanceof JournalRecord.Withdrawal withdrawal) {
                    withdrawn.add(withdrawal);
                } else if (entry.record() instanceof JournalRecord.Change) {
                    changes.add(entry);
                    changeSegments.add(JournalSegment.numberOf(segment));
                }
            }
        }
        Set<String> applied = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            if (!withdrawn.contains(new JournalRecord.Withdrawal(changeSegments.get(i), changes.get(i).offset()))
                    && ((JournalRecord.Change) changes.get(i).record()).write() instanceof SessionWrite.Rotation rotation) {
                applied.add(rotation.newJti());
            }
        }
        return applied;
    }

    private static Rotation rotation(SessionId id, CustomerId customer, String presented, String next) {
        return new Rotation(id, customer, presented, next, Instant.EPOCH, RequestId.of("request-" + next), null);
    }
}
