package dev.customertokens.bootstrap.scaleout;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A customer's client as CONTRACT 2.3 and 6 expect one to behave: it always presents the last token it was
 * answered 200 with, a fresh {@code X-Request-ID} for each new refresh, and on a 503 or a connection lost
 * the same token with the same {@code X-Request-ID} again (after {@code Retry-After}), on the next node
 * when the one it asked is gone. Anything else is recorded as a problem and ends the client.
 */
final class ChainedClient {

    /** What came back for one request. */
    enum Outcome { ROTATED, UNAVAILABLE, UNREACHABLE, PROBLEM }

    private final String customerId;
    private final List<String> received = new ArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private String requestId = UUID.randomUUID().toString();
    private int node;
    private volatile long last200Nanos;
    private volatile int unavailable;
    private volatile int unreachable;

    ChainedClient(String customerId, String firstToken, int firstNode) {
        this.customerId = customerId;
        this.received.add(firstToken);
        this.node = firstNode;
    }

    /**
     * One refresh of the held token on {@code nodes.apply(n)}, the node this client is at. Not thread-safe:
     * one thread drives a client.
     */
    Outcome refresh(HttpClient http, IntFunction<URI> nodes, int nodeCount) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request(nodes.apply(node), token(), requestId), HttpResponse.BodyHandlers.ofString());
        } catch (IOException lost) {
            unreachable++;
            node = (node + 1) % nodeCount;
            return Outcome.UNREACHABLE;
        }
        if (response.statusCode() == 200) {
            synchronized (received) {
                received.add(new JsonObject(response.body()).getJsonObject("data").getJsonObject("token").getString("value"));
            }
            requestId = UUID.randomUUID().toString();
            last200Nanos = System.nanoTime();
            node = (node + 1) % nodeCount;
            return Outcome.ROTATED;
        }
        String retryAfter = response.headers().firstValue("Retry-After").orElse("");
        if (response.statusCode() == 503 && "unavailable".equals(errorOf(response.body())) && retryAfter.matches("\\d+")) {
            unavailable++;
            Thread.sleep(Math.min(1_000, Long.parseLong(retryAfter) * 1_000));
            return Outcome.UNAVAILABLE;
        }
        problems.add(response.statusCode() + " Retry-After=" + retryAfter + " " + response.body());
        return Outcome.PROBLEM;
    }

    /** A refresh with a fresh request id, once the load is over: 200 only if the held token is still current. */
    HttpResponse<String> refreshAfresh(HttpClient http, URI node) throws IOException, InterruptedException {
        return http.send(request(node, token(), UUID.randomUUID().toString()), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest request(URI node, String token, String requestId) {
        return HttpRequest.newBuilder(node)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("API-VERSION", "5.0.0")
                .header("Application", ServeProcess.APPLICATION_KEY)
                .header("X-QB-Enabled", "false")
                .header("X-Request-ID", requestId)
                .timeout(Duration.ofSeconds(60))
                .GET().build();
    }

    private static String errorOf(String body) {
        try {
            return new JsonObject(body).getString("error");
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    String customerId() {
        return customerId;
    }

    /** The last token answered 200 (the login's before any). */
    String token() {
        synchronized (received) {
            return received.get(received.size() - 1);
        }
    }

    /** The rotations this client was answered 200 for. */
    int rotations() {
        synchronized (received) {
            return received.size() - 1;
        }
    }

    long last200Nanos() {
        return last200Nanos;
    }

    int unavailable() {
        return unavailable;
    }

    int unreachable() {
        return unreachable;
    }

    List<String> problems() {
        return problems;
    }
}
