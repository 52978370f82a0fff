package dev.customertokens.bootstrap.operations;

import dev.customertokens.adapters.http.RefreshHttpVerticle;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The drain of a graceful shutdown (CONTRACT 4.5): the public servers stop accepting, and the requests in flight
 * are answered within the grace, a rotation on a worker included (the servers' own shutdown cannot see work on a
 * worker, whose commit must come before the pool closes and whose answer before the connection does).
 */
public final class GracefulDrain {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulDrain.class);

    private GracefulDrain() {
    }

    /** Returns once every request is answered or the grace is over; never throws. */
    public static void drain(List<RefreshHttpVerticle> servers, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            List<Future<Void>> drained = new ArrayList<>();
            for (RefreshHttpVerticle server : servers) {
                drained.add(server.shutdown(grace));
            }
            Future.join(drained).await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            awaitAnswered(servers.get(0), deadline);
            // from here on nothing new is processed; what passed the check before is waited for too
            servers.get(0).halt();
            awaitAnswered(servers.get(0), deadline);
        } catch (Exception e) {
            LOG.warn("requests still in flight when the shutdown grace ended: {}", e.toString());
        }
    }

    private static void awaitAnswered(RefreshHttpVerticle server, long deadline) throws InterruptedException {
        while (server.unanswered() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
