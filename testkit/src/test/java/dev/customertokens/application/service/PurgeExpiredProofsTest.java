package dev.customertokens.application.service;

import dev.customertokens.domain.AuditEvent;
import dev.customertokens.testkit.InMemoryDpopProofReplays;
import dev.customertokens.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Housekeeping (CONTRACT 4.4) also deletes the DPoP replay records that expired (2.7), batch after batch, without
 * counting them as sessions: {@code sessions purge} still prints the number of sessions alone.
 */
class PurgeExpiredProofsTest {

    private static final String KEY = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @Test
    void expired_proofs_go_in_batches_live_ones_stay_and_only_sessions_are_counted() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        InMemoryDpopProofReplays replays = new InMemoryDpopProofReplays();
        Instant now = clock.instant();
        for (int i = 0; i < 25; i++) {
            replays.recordFirstUse(KEY, "expired-" + i, now.minusSeconds(120), now.minusSeconds(59));
        }
        replays.recordFirstUse(KEY, "live", now.minusSeconds(10), now.plusSeconds(51));
        List<AuditEvent> events = new ArrayList<>();
        PurgeSessionsService purge = new PurgeSessionsService((windowEnded, revoked, batch) -> 0, replays, clock,
                Duration.ofDays(100), Duration.ofDays(30), 10, events::add);

        assertThat(purge.purge()).as("sessions deleted").isZero();

        assertThat(replays.purgeExpired(now, 100)).as("expired records left after the purge").isZero();
        assertThat(events).isEmpty();
        assertThat(replays.wasUsed(KEY, "live", now)).isTrue();
    }
}
