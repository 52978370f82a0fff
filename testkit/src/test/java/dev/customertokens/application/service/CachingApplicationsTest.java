package dev.customertokens.application.service;

import dev.customertokens.application.port.out.Applications;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CachingApplicationsTest {

    private static final ApplicationKey KEY = ApplicationKey.of("9c0fbf8eec493c5d767be7eac965168a");
    private static final ApplicationKey UNKNOWN = ApplicationKey.of("0123456789abcdef0123456789abcdef");
    private static final Application ENABLED = new Application(ApplicationId.of(15), KEY, "Demo", true);
    private static final Application DISABLED = new Application(ApplicationId.of(15), KEY, "Demo", false);

    /** The store elsewhere (another node, the command line), counting what it is asked. */
    private final InMemoryApplications store = new InMemoryApplications();
    private final AtomicInteger reads = new AtomicInteger();
    private final Applications countingStore = new Applications() {
        @Override
        public Optional<Application> findByKey(ApplicationKey key) {
            reads.incrementAndGet();
            return store.findByKey(key);
        }

        @Override
        public void save(Application application) {
            store.save(application);
        }
    };
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final CachingApplications cache = new CachingApplications(countingStore, clock, Duration.ofSeconds(5));

    @Test
    void repeated_lookups_within_the_bound_read_the_store_once() {
        store.save(ENABLED);
        for (int i = 0; i < 100; i++) {
            assertThat(cache.findByKey(KEY)).contains(ENABLED);
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void a_change_made_elsewhere_is_seen_once_the_bound_has_passed_and_not_before() {
        store.save(ENABLED);
        cache.findByKey(KEY);
        store.save(DISABLED);

        clock.advance(Duration.ofMillis(4_999));
        assertThat(cache.findByKey(KEY)).as("within the bound").contains(ENABLED);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.findByKey(KEY)).as("at the bound").contains(DISABLED);
    }

    @Test
    void a_change_saved_through_the_cache_applies_at_once() {
        cache.save(ENABLED);
        assertThat(cache.findByKey(KEY)).contains(ENABLED);
        cache.save(DISABLED);
        assertThat(cache.findByKey(KEY)).contains(DISABLED);
    }

    @Test
    void an_unknown_key_is_remembered_as_unknown_too() {
        assertThat(cache.findByKey(UNKNOWN)).isEmpty();
        assertThat(cache.findByKey(UNKNOWN)).isEmpty();
        assertThat(reads).hasValue(1);
        store.save(new Application(ApplicationId.of(16), UNKNOWN, "Late", true));
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.findByKey(UNKNOWN)).isPresent();
    }

    @Test
    void a_flood_of_distinct_unknown_keys_does_not_grow_the_cache_without_bound() {
        for (int i = 0; i < CachingApplications.MAX_ENTRIES * 3; i++) {
            cache.findByKey(ApplicationKey.of(String.format("%032x", i)));
            assertThat(cache.size()).isLessThanOrEqualTo(CachingApplications.MAX_ENTRIES);
        }
        store.save(ENABLED);
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.findByKey(KEY)).contains(ENABLED);
    }

    @Test
    void a_zero_bound_reads_the_store_every_time() {
        CachingApplications uncached = new CachingApplications(countingStore, clock, Duration.ZERO);
        store.save(ENABLED);
        uncached.findByKey(KEY);
        uncached.findByKey(KEY);
        assertThat(reads).hasValue(2);
    }
}
