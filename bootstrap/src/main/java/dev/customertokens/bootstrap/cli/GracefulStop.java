package dev.customertokens.bootstrap.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT run the graceful stop (CONTRACT 4.5) before the JVM begins to shut down, then exit.
 *
 * <p>Why not only a shutdown hook: the JVM runs its hooks concurrently, and the embedded H2 database has
 * one of its own that closes the database at once, under the very requests the graceful stop is still
 * answering (they would get 503). Handling the signal first keeps the database open until the service
 * closes it itself, last. The shutdown hook stays for every other way the JVM may end.
 */
final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private GracefulStop() {
    }

    static void onSignals(Runnable stop) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        Thread stopper = new Thread(() -> {
                            stop.run();
                            System.exit(0);
                        }, "customer-tokens-stop");
                        stopper.start();
                    }
                });
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                LOG.warn("cannot handle SIG{} here; the shutdown hook stops the service instead", name);
            }
        }
    }
}
