package dev.customertokens.bootstrap.scaleout;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Chained clients, each on a thread of its own, refreshing as fast as the service answers until
 * {@link #stop()}: the load under which a database or a node is taken away.
 */
final class ClientLoad implements AutoCloseable {

    private final List<ChainedClient> clients;
    private final IntFunction<URI> nodes;
    private final int nodeCount;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger rotated = new AtomicInteger();
    private volatile boolean stopped;

    private ClientLoad(List<ChainedClient> clients, IntFunction<URI> nodes, int nodeCount) {
        this.clients = clients;
        this.nodes = nodes;
        this.nodeCount = nodeCount;
    }

    static ClientLoad start(List<ChainedClient> clients, IntFunction<URI> nodes, int nodeCount) {
        ClientLoad load = new ClientLoad(clients, nodes, nodeCount);
        for (ChainedClient client : clients) {
            Thread thread = new Thread(() -> load.drive(client), "client-" + client.customerId());
            thread.setDaemon(true);
            thread.start();
            load.threads.add(thread);
        }
        return load;
    }

    private void drive(ChainedClient client) {
        try {
            while (!stopped) {
                switch (client.refresh(http, nodes, nodeCount)) {
                    case ROTATED -> rotated.incrementAndGet();
                    case UNREACHABLE -> TimeUnit.MILLISECONDS.sleep(20); // a reconnect's pause, as a client library's
                    case PROBLEM -> {
                        return;
                    }
                    default -> {
                        // UNAVAILABLE: the client waited its Retry-After already
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The 200s answered so far, over all clients. */
    int rotated() {
        return rotated.get();
    }

    /** Waits until {@code condition} holds, failing after {@code seconds}, or as soon as a client met a problem. */
    void awaitUntil(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        awaitUntil(what, seconds, condition, true);
    }

    /** Waits until {@code condition} holds, failing after {@code seconds}; clients that met a problem have stopped. */
    void awaitDespiteProblems(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        awaitUntil(what, seconds, condition, false);
    }

    private void awaitUntil(String what, int seconds, BooleanSupplier condition, boolean failOnProblem)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            List<String> problems = problems();
            if (failOnProblem && !problems.isEmpty()) {
                throw new AssertionError("while waiting for " + what + ": " + problems);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + seconds + " s; 200s so far: " + rotated());
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling the clients' progress, not waiting for a deadline
        }
    }

    /** Waits for {@code more} 200s beyond those answered so far. */
    void awaitMore(int more, int seconds) throws InterruptedException {
        int target = rotated() + more;
        awaitUntil(more + " more 200s", seconds, () -> rotated() >= target);
    }

    List<String> problems() {
        return clients.stream().flatMap(client -> client.problems().stream().map(p -> client.customerId() + ": " + p)).toList();
    }

    int unavailable() {
        return clients.stream().mapToInt(ChainedClient::unavailable).sum();
    }

    int unreachable() {
        return clients.stream().mapToInt(ChainedClient::unreachable).sum();
    }

    /** Stops the clients after their request in flight. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(70));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
