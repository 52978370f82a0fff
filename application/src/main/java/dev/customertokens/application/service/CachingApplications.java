package dev.customertokens.application.service;

import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationKey;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Applications are a handful of rows that change rarely, yet every refresh names one: this keeps what
 * the store answered for each key, absent keys included, for at most {@code maxAge}. A change saved
 * through this instance applies at once; a change made elsewhere (another node, the command line) is
 * seen within {@code maxAge}, which bounds how long a disabled application keeps working there.
 */
public final class CachingApplications implements Applications {

    /** The default bound, documented for operators. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

    /** Keys are attacker-chosen (any well-formed key is looked up): past this many, start afresh. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<Application> application, long loadedAtMillis) {
    }

    private final Applications store;
    private final Clock clock;
    private final long maxAgeMillis;
    private final ConcurrentMap<ApplicationKey, Entry> byKey = new ConcurrentHashMap<>();

    /**
     * Caches in front of a store.
     *
     * @param store  the applications' store, not null
     * @param clock  the clock that ages entries, not null
     * @param maxAge how long an answer is kept; zero keeps none
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code maxAge} is negative
     */
    public CachingApplications(Applications store, Clock clock, Duration maxAge) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("max age must not be negative");
        }
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public Optional<Application> findByKey(ApplicationKey key) {
        long now = clock.millis();
        Entry entry = byKey.get(key);
        if (entry != null && now - entry.loadedAtMillis() < maxAgeMillis) {
            return entry.application();
        }
        Optional<Application> loaded = store.findByKey(key);
        if (byKey.size() >= MAX_ENTRIES) {
            byKey.clear();
        }
        byKey.put(key, new Entry(loaded, now));
        return loaded;
    }

    int size() {
        return byKey.size();
    }

    @Override
    public void save(Application application) {
        try {
            store.save(application);
        } finally {
            // the save may have taken the key from another application, or failed half-way on a server
            byKey.clear();
        }
    }
}
