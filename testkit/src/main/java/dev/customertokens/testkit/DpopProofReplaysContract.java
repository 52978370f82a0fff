package dev.customertokens.testkit;

import dev.customertokens.application.port.out.DpopProofReplays;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The cases every {@link DpopProofReplays} implementation passes; a subclass returns the store under test. */
public abstract class DpopProofReplaysContract {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.250Z");
    private static final String KEY = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    private static final String OTHER_KEY = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

    /**
     * The store under test; the same instance for the whole test, possibly holding earlier tests' proofs.
     *
     * @return the store under test
     */
    protected abstract DpopProofReplays replays();

    private static String freshJti() {
        return "jti-" + UUID.randomUUID();
    }

    @Test
    void a_proof_is_accepted_once_until_it_expires() {
        String jti = freshJti();
        assertThat(replays().wasUsed(KEY, jti, NOW)).isFalse();
        assertThat(replays().recordFirstUse(KEY, jti, NOW, NOW.plusSeconds(61))).isTrue();
        assertThat(replays().recordFirstUse(KEY, jti, NOW.plusSeconds(1), NOW.plusSeconds(62))).isFalse();
        assertThat(replays().wasUsed(KEY, jti, NOW.plusSeconds(60))).isTrue();
        assertThat(replays().wasUsed(KEY, jti, NOW.plusSeconds(61))).isFalse();
        assertThat(replays().recordFirstUse(KEY, jti, NOW.plusSeconds(61), NOW.plusSeconds(122))).isTrue();
    }

    @Test
    void the_same_jti_of_another_key_is_another_proof() {
        String jti = freshJti();
        assertThat(replays().recordFirstUse(KEY, jti, NOW, NOW.plusSeconds(61))).isTrue();
        assertThat(replays().recordFirstUse(OTHER_KEY, jti, NOW, NOW.plusSeconds(61))).isTrue();
    }

    @Test
    void a_jti_of_128_characters_is_kept_whole() {
        String jti = "j".repeat(92) + UUID.randomUUID();
        assertThat(replays().recordFirstUse(KEY, jti, NOW, NOW.plusSeconds(61))).isTrue();
        assertThat(replays().wasUsed(KEY, jti.substring(0, 127), NOW)).isFalse();
        assertThat(replays().wasUsed(KEY, jti, NOW)).isTrue();
    }

    @Test
    void expired_proofs_are_purged_in_batches_and_live_ones_kept() {
        // long after every other case's proofs expired: a first purge clears them, so that the counts are this case's
        Instant later = NOW.plus(Duration.ofDays(1));
        while (replays().purgeExpired(later, 100) == 100) {
            // earlier cases' proofs
        }
        for (int i = 0; i < 5; i++) {
            assertThat(replays().recordFirstUse(KEY, freshJti(), later, later.plusSeconds(10))).isTrue();
        }
        String live = freshJti();
        assertThat(replays().recordFirstUse(KEY, live, later, later.plusSeconds(600))).isTrue();

        Instant purgedAt = later.plusSeconds(10);
        assertThat(replays().purgeExpired(purgedAt, 2)).isEqualTo(2);
        assertThat(replays().purgeExpired(purgedAt, 2)).isEqualTo(2);
        assertThat(replays().purgeExpired(purgedAt, 2)).isEqualTo(1);
        assertThat(replays().purgeExpired(purgedAt, 2)).isZero();
        assertThat(replays().wasUsed(KEY, live, purgedAt)).isTrue();
        assertThat(replays().recordFirstUse(KEY, live, purgedAt, purgedAt.plusSeconds(61))).isFalse();
    }

    @Test
    void of_many_concurrent_first_uses_exactly_one_wins() throws Exception {
        String jti = freshJti();
        int racers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return replays().recordFirstUse(KEY, jti, NOW, NOW.plusSeconds(61));
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
