package dev.customertokens.bootstrap.operations;

import dev.customertokens.application.port.in.PurgeSessionsUseCase;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Housekeeping on a timer (CONTRACT 4.4): every node purges every interval, one purge at a time, none once
 * shutdown began. The first run comes after a random part of the interval, so that nodes started together do
 * not purge together.
 */
public final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final Vertx vertx;
    private final PurgeSessionsUseCase purge;
    private final BooleanSupplier shuttingDown;
    private final AtomicBoolean purging = new AtomicBoolean();
    private final long timer;

    private Housekeeping(Vertx vertx, PurgeSessionsUseCase purge, BooleanSupplier shuttingDown, Duration interval) {
        this.vertx = vertx;
        this.purge = purge;
        this.shuttingDown = shuttingDown;
        long intervalMillis = Math.max(1, interval.toMillis());
        long firstDelay = Math.max(1, ThreadLocalRandom.current().nextLong(intervalMillis));
        this.timer = vertx.setPeriodic(firstDelay, intervalMillis, id -> purgeNow());
    }

    public static Housekeeping every(Duration interval, Vertx vertx, PurgeSessionsUseCase purge,
                                     BooleanSupplier shuttingDown) {
        return new Housekeeping(vertx, purge, shuttingDown, interval);
    }

    private void purgeNow() {
        if (shuttingDown.getAsBoolean() || !purging.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(purge::purge, false).onComplete(purged -> {
            purging.set(false);
            if (purged > 0) {
                LOG.info("housekeeping deleted {} finished sessions", purged);
            }
        }, failure -> {
            purging.set(false);
            LOG.warn("housekeeping failed, will try again next interval: {}", failure.toString());
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
