package dev.customertokens.bootstrap.scaleout;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A node's readiness ({@code /health/ready}) polled every 50 ms, kept as the instants it changed. */
final class ReadinessTimeline implements AutoCloseable {

    private record Change(long atNanos, boolean ready) {
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean stopped;

    private ReadinessTimeline(ServeProcess node) {
        poller = new Thread(() -> poll(node), "readiness");
        poller.setDaemon(true);
    }

    static ReadinessTimeline watch(ServeProcess node) {
        ReadinessTimeline timeline = new ReadinessTimeline(node);
        timeline.poller.start();
        return timeline;
    }

    private void poll(ServeProcess node) {
        Boolean last = null;
        try {
            while (!stopped) {
                boolean ready = node.ready();
                if (last == null || ready != last) {
                    changes.add(new Change(System.nanoTime(), ready));
                    last = ready;
                }
                TimeUnit.MILLISECONDS.sleep(50); // the polling interval, not a deadline
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first instant after {@code fromNanos} at which readiness became {@code ready}. */
    OptionalLong firstAfter(long fromNanos, boolean ready) {
        return changes.stream().filter(change -> change.atNanos() >= fromNanos && change.ready() == ready)
                .mapToLong(Change::atNanos).findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        poller.join(10_000);
    }
}
