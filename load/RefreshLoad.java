import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.bootstrap.HttpService;
import dev.customertokens.bootstrap.Settings;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load run: the real service (HTTP, JWT, the embedded H2 database in a temporary folder, or
 * the database of --db-url) in this JVM, and N clients that each refresh their own session in a chain,
 * so that every request is a real, durable rotation. Stops by itself after the duration or the count.
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests
 * java -cp bootstrap/target/customer-tokens.jar load/RefreshLoad.java [clients=64] [seconds=20] [maxRequests=2000000] [jdbcUrl]
 * </pre>
 */
public class RefreshLoad {

    private static final ApplicationKey KEY = ApplicationKey.of("0123456789abcdef0123456789abcdef");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long maxRequests = args.length > 2 ? Long.parseLong(args[2]) : 2_000_000;
        Path dataDir = Files.createTempDirectory("customer-tokens-load");
        String dbUrl = args.length > 3 ? args[3] : "jdbc:h2:file:" + dataDir.resolve("customer-tokens");
        Settings settings = Settings.parse(Map.of(), "--data-dir", dataDir.toString(), "--db-url", dbUrl, "--port", "0",
                "--jwt-secret", "load-test-secret-that-is-long-enough-for-hs256", "--public-url", "http://127.0.0.1");
        try (HttpService service = HttpService.start(settings, Clock.systemUTC())) {
            var tokens = service.customerTokens();
            tokens.administration().register(new Application(ApplicationId.of(15), KEY, "load", true));
            List<CustomerAccount> customers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                customers.add(new CustomerAccount(CustomerId.of("load-" + i), 1, "Load", "Test", "load" + i + "@example.com",
                        true, "+381111111111", "en", 1, "[]", 3, 3, false, false, false));
            }
            tokens.administration().importAccounts(customers);
            String[] current = new String[clients];
            for (int i = 0; i < clients; i++) {
                current[i] = tokens.issueToken().issue(new IssueTokenCommand(customers.get(i).id(), KEY, null)).token();
            }

            Vertx vertx = Vertx.vertx();
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(service.port()).setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(clients));
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            long[] latencies = new long[(int) Math.min(maxRequests, 5_000_000)];
            AtomicLong recorded = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            CountDownLatch done = new CountDownLatch(clients);
            long start = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                next(http, i, current, ok, failed, sent, maxRequests, deadline, latencies, recorded, done);
            }
            done.await(seconds + 30L, TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            int n = (int) Math.min(recorded.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            System.out.printf("clients=%d cores=%d duration=%.1fs rotations=%d errors=%d rate=%.0f/s p50=%.2fms p99=%.2fms%n",
                    clients, Runtime.getRuntime().availableProcessors(), elapsed, ok.get(), failed.get(), ok.get() / elapsed,
                    n == 0 ? 0 : sorted[n / 2] / 1e6, n == 0 ? 0 : sorted[(int) (n * 0.99)] / 1e6);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void next(HttpClient http, int client, String[] current, AtomicLong ok, AtomicLong failed, AtomicLong sent,
                             long maxRequests, long deadline, long[] latencies, AtomicLong recorded, CountDownLatch done) {
        if (System.nanoTime() > deadline || sent.incrementAndGet() > maxRequests) {
            done.countDown();
            return;
        }
        long began = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/customers/refresh")
                .putHeader("Accept", "application/json").putHeader("Authorization", "Bearer " + current[client])
                .putHeader("Content-Type", "application/json").putHeader("API-VERSION", "5.0.0")
                .putHeader("Application", KEY.value()).putHeader("X-QB-Enabled", "false")
                .putHeader("X-Request-ID", "load-" + client + "-" + began);
        http.request(options).compose(request -> request.send().compose(response -> response.body()
                        .map(body -> new Object[] {response.statusCode(), body})))
                .onComplete(result -> {
                    if (result.succeeded() && (int) result.result()[0] == 200) {
                        Buffer body = (Buffer) result.result()[1];
                        current[client] = new JsonObject(body).getJsonObject("data").getJsonObject("token").getString("value");
                        ok.incrementAndGet();
                        long slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[(int) slot] = System.nanoTime() - began;
                        }
                    } else {
                        failed.incrementAndGet();
                        if (failed.get() <= 5) {
                            System.err.println("failed: " + (result.succeeded()
                                    ? result.result()[0] + " " + result.result()[1] : result.cause()));
                        }
                    }
                    next(http, client, current, ok, failed, sent, maxRequests, deadline, latencies, recorded, done);
                });
    }
}
