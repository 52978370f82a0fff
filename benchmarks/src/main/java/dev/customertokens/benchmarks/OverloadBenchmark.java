package dev.customertokens.benchmarks;

import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.adapters.http.RefreshHttpVerticle;
import dev.customertokens.adapters.http.RefreshRoutes;
import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.RefreshRequestHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The overload bound (CONTRACT 4.7, decision record 0010) under load: a store slowed to 10 ms a call
 * behind 4 workers, offered four times what that sustains, open loop, once with a bound and once with
 * one too large to act; prints the latency of the served requests and of the refusals.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.customertokens.benchmarks.OverloadBenchmark [SECONDS]}
 */
public final class OverloadBenchmark {

    private static final int WORKERS = 4;
    private static final long STORE_MILLIS = 10;
    private static final int SUSTAINABLE_PER_SECOND = (int) (WORKERS * 1000 / STORE_MILLIS);

    private OverloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        run("bounded (queue 16, deadline 100 ms)", 16, Duration.ofMillis(100), seconds);
        run("unbounded (queue 1,000,000, deadline 1 h)", 1_000_000, Duration.ofHours(1), seconds);
        System.exit(0);
    }

    private static void run(String name, int queue, Duration deadline, int seconds) throws Exception {
        Vertx vertx = Vertx.vertx();
        RefreshTokenUseCase slowStore = command -> {
            try {
                Thread.sleep(STORE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TokenGrant(DemoData.ivan(), "new.token", 1440, 2_628_000);
        };
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, Set.of(5), WORKERS, queue, deadline);
        RefreshHttpVerticle verticle = new RefreshHttpVerticle(RefreshHttpVerticle.Options.of(slowStore, settings));
        vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(2_000));
        int offeredPerSecond = 4 * SUSTAINABLE_PER_SECOND;
        int perTick = offeredPerSecond / 200; // a tick every 5 ms
        int total = perTick * 200 * seconds;
        List<Long> served = Collections.synchronizedList(new ArrayList<>());
        List<Long> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger other = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger sent = new AtomicInteger();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(verticle.actualPort()).setURI(RefreshRoutes.PATH);
        RefreshRequestHeaders.valid("header.payload.signature").forEach(request::addHeader);
        vertx.setPeriodic(5, id -> {
            for (int i = 0; i < perTick && sent.getAndIncrement() < total; i++) {
                long start = System.nanoTime();
                client.request(request).compose(r -> r.send()).compose(r -> r.body().map(b -> r.statusCode()))
                        .onComplete(status -> {
                            long micros = (System.nanoTime() - start) / 1_000;
                            if (status == 200) {
                                served.add(micros);
                            } else if (status == 503) {
                                refused.add(micros);
                            } else {
                                other.incrementAndGet();
                            }
                            done.countDown();
                        }, failure -> {
                            other.incrementAndGet();
                            done.countDown();
                        });
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(id);
            }
        });
        done.await(10L * seconds + 600, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "%s: offered %d/s (4x the sustainable %d/s) for %d s: served %d, p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms; refused 503 %d, p99 %.1f ms; other %d%n",
                name, offeredPerSecond, SUSTAINABLE_PER_SECOND, seconds, served.size(), pct(served, 50), pct(served, 99),
                pct(served, 100), refused.size(), pct(refused, 99), other.get());
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    private static double pct(List<Long> micros, int percentile) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
