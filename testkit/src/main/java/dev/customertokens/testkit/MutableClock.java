package dev.customertokens.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand, so that no test sleeps to reach a deadline. Thread-safe. */
public class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * A clock standing at {@code start}, in UTC.
     *
     * @param start the time it shows until moved
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * A clock standing at an ISO-8601 instant.
     *
     * @param isoInstant such as {@code 2025-03-01T10:00:00Z}
     * @return the clock
     * @throws java.time.format.DateTimeParseException if {@code isoInstant} is not an instant
     */
    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     *
     * @param by how far
     */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    /**
     * Sets the clock to an instant, before or after the one it shows.
     *
     * @param to the time it shows from now on
     */
    public void set(Instant to) {
        now.set(to);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
