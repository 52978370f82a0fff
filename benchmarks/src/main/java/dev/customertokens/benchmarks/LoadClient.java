package dev.customertokens.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator, in a JVM of its own: C connections, each cycling over its share of the sessions
 * and always presenting the token it last received for a session, so that every request is a real
 * rotation. The sessions are visited in a random order ({@code random}, the default), as customers'
 * refreshes arrive, or in the order they were begun ({@code sweep}): then the connections move together
 * through neighbouring sessions, which a store that keeps neighbours in one page serves far more cheaply
 * than real traffic. After a warm-up it prints {@value #MEASURING}, measures for D seconds, then prints
 * one JSON line: rotations/s, latency percentiles, and the errors by their {@code error} code. Bounded: it
 * stops by itself. With a DPoP key file every request is {@code Authorization: DPoP} with a fresh proof.
 *
 * <pre>java -cp benchmarks.jar dev.customertokens.benchmarks.LoadClient PORT TOKENS_FILE CONNECTIONS WARMUP_S SECONDS [random|sweep] [DPOP_KEY_FILE]</pre>
 */
public final class LoadClient {

    /** The line printed when the measured window opens; the report follows it, on a line of its own. */
    static final String MEASURING = "measuring";

    private static final String KEY = BenchmarkData.KEY.value();
    static final String RANDOM_ORDER = "random";
    static final String SWEEP_ORDER = "sweep";
    /** Fixed, so that two runs (two builds) visit the sessions in the same order. */
    private static final long ORDER_SEED = 20261202L;
    private static final byte[] VALUE_MARKER = "\"value\":\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http;
    private final String[] tokens;
    private final boolean[] dead;
    private final int connections;
    private final long measureFrom;
    private final long stopAt;
    private final AtomicLong rotations = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final long[][] latencies;
    private final int[] recorded;
    /** Null for sessions bound to no key; else the key every proof is signed with (one event loop: one thread). */
    private DpopLoadKey dpop;
    private String htu;

    static String checkedOrder(String order) {
        if (!order.equals(RANDOM_ORDER) && !order.equals(SWEEP_ORDER)) {
            throw new IllegalArgumentException("the order is random or sweep, not " + order);
        }
        return order;
    }

    private LoadClient(HttpClient http, String[] tokens, int connections, long measureFrom, long stopAt) {
        this.http = http;
        this.tokens = tokens;
        this.dead = new boolean[tokens.length];
        this.connections = connections;
        this.measureFrom = measureFrom;
        this.stopAt = stopAt;
        this.latencies = new long[connections][1 << 16];
        this.recorded = new int[connections];
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.US_ASCII);
        int connections = Integer.parseInt(args[2]);
        int warmupSeconds = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        if (checkedOrder(args.length > 5 ? args[5] : RANDOM_ORDER).equals(RANDOM_ORDER)) {
            lines = new ArrayList<>(lines);
            Collections.shuffle(lines, new Random(ORDER_SEED));
        }

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(connections));
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        LoadClient load = new LoadClient(http, lines.toArray(String[]::new), connections, measureFrom, stopAt);
        if (args.length > 6) {
            load.dpop = DpopLoadKey.read(Path.of(args[6]));
            load.htu = "http://127.0.0.1:" + port + "/api/customers/refresh";
        }
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            load.next(c, c, done);
        }
        // tells the benchmark when the measured window opens, for what it samples beside the load (CPU)
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime())),
                timer -> System.out.println(MEASURING));
        if (!done.await(warmupSeconds + seconds + 60L, TimeUnit.SECONDS)) {
            System.err.println("some connections did not finish in time");
        }
        System.out.println(load.report(seconds));
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Sends the next request of connection {@code c}, for session {@code session}, and chains on. */
    private void next(int c, int session, CountDownLatch done) {
        long began = System.nanoTime();
        if (began >= stopAt) {
            done.countDown();
            return;
        }
        int chosen = session;
        // stays in this connection's share: two connections on one session would present a spent token
        for (int tries = 0; dead[chosen]; tries++) {
            chosen = following(c, chosen);
            if (tries > tokens.length / connections) {
                done.countDown();
                return;
            }
        }
        int target = chosen;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/customers/refresh")
                .putHeader("Accept", "application/json")
                .putHeader("Authorization", (dpop == null ? "Bearer " : "DPoP ") + tokens[target])
                .putHeader("Content-Type", "application/json").putHeader("API-VERSION", "5.0.0")
                .putHeader("Application", KEY).putHeader("X-QB-Enabled", "false")
                .putHeader("X-Request-ID", "load-" + c + "-" + began);
        if (dpop != null) {
            options.putHeader("DPoP", dpop.proof(htu, tokens[target]));
        }
        http.request(options)
                .compose(request -> request.send().compose(response -> response.body()
                        .map(body -> {
                            handle(c, target, response.statusCode(), body, began);
                            return null;
                        })))
                .onComplete(result -> {
                    if (result.failed()) {
                        count("io_error");
                    }
                    next(c, following(c, target), done);
                });
    }

    /** The session after {@code session} in connection {@code c}'s share, back to its first after its last. */
    private int following(int c, int session) {
        int following = session + connections;
        return following >= tokens.length ? c : following;
    }

    private void handle(int c, int session, int status, Buffer body, long began) {
        long now = System.nanoTime();
        boolean measured = began >= measureFrom && now <= stopAt;
        if (status == 200) {
            tokens[session] = tokenIn(body);
            if (measured) {
                rotations.incrementAndGet();
                record(c, now - began);
            }
            return;
        }
        // a refused session is over; a 503 is worth trying again
        if (status != 503) {
            dead[session] = true;
        }
        if (measured) {
            String error;
            try {
                error = new JsonObject(body).getString("error", "status_" + status);
            } catch (RuntimeException e) {
                error = "status_" + status;
            }
            count(error);
            record(c, now - began);
        }
    }

    private static String tokenIn(Buffer body) {
        byte[] bytes = body.getBytes();
        int from = indexOf(bytes, VALUE_MARKER) + VALUE_MARKER.length;
        int to = from;
        while (bytes[to] != '"') {
            to++;
        }
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no token in the answer");
    }

    private void count(String error) {
        errors.computeIfAbsent(error, e -> new AtomicLong()).incrementAndGet();
    }

    private void record(int c, long nanos) {
        if (recorded[c] == latencies[c].length) {
            latencies[c] = Arrays.copyOf(latencies[c], latencies[c].length * 2);
        }
        latencies[c][recorded[c]++] = nanos;
    }

    private String report(int seconds) {
        int total = 0;
        for (int count : recorded) {
            total += count;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, recorded[c]);
            at += recorded[c];
        }
        Arrays.sort(all);
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.get()));
        return new JsonObject()
                .put("rotations", rotations.get())
                .put("rotations_per_second", rotations.get() / (double) seconds)
                .put("p50_ms", percentile(all, 0.50))
                .put("p99_ms", percentile(all, 0.99))
                .put("p999_ms", percentile(all, 0.999))
                .put("errors", new JsonObject(new HashMap<String, Object>(errorCounts)))
                .encode();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, index)] / 10_000.0) / 100.0;
    }
}
