package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.domain.Refusal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static dev.customertokens.adapters.http.EndpointHarness.body;
import static dev.customertokens.adapters.http.EndpointHarness.validHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT 4.7 with a store slowed to a standstill (a latch), and the refresh meters of 4.2. The queue
 * deadline runs on a clock the test moves: nothing here waits for time to pass.
 * {@link OverloadAndMetricsMountedTest} runs the same tests mounted on a host's router.
 */
class OverloadAndMetricsTest {

    private static final int WORKERS = 2;
    private static final int QUEUED = 3;

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Function<String, TokenGrant> behaviour = token -> EndpointHarness.grant("new.token");
    private WebClient client;
    private Admission admission;

    ServingForm form() {
        return ServingForm.STAND_ALONE;
    }

    private void start() {
        RefreshTokenUseCase useCase = command -> behaviour.apply(command.bearerToken());
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, Set.of(5), WORKERS, QUEUED, Duration.ofSeconds(1));
        admission = new Admission(WORKERS, QUEUED, Duration.ofSeconds(1), nanos::get);
        int port = form().serveRefresh(vertx, RefreshHttpVerticle.Options.of(useCase, settings)
                .withMetrics(new RefreshMetrics(registry)).withAdmission(admission));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    }

    @AfterEach
    void close() {
        release.countDown();
        await(vertx.close());
    }

    private Future<HttpResponse<Buffer>> refresh() {
        return client.request(HttpMethod.GET, RefreshRoutes.PATH).putHeaders(validHeaders()).send();
    }

    private TokenGrant blocked() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EndpointHarness.grant("slow.token");
    }

    @Test
    void past_the_queue_bound_a_request_is_refused_at_once_with_retry_after() throws Exception {
        behaviour = token -> blocked();
        start();
        List<Future<HttpResponse<Buffer>>> admitted = new ArrayList<>();
        for (int i = 0; i < WORKERS + QUEUED; i++) {
            admitted.add(refresh());
        }
        // every admitted request is held; one more finds the queue full and is answered while they still wait
        await(waitUntilFull());
        HttpResponse<Buffer> refused = await(refresh());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(body(refused).getString("error")).isEqualTo("unavailable");
        assertThat(admitted).noneMatch(Future::isComplete);

        release.countDown();
        for (Future<HttpResponse<Buffer>> each : admitted) {
            assertThat(await(each).statusCode()).isEqualTo(200);
        }
        assertThat(await(refresh()).statusCode()).as("capacity is back once the work is done").isEqualTo(200);
    }

    @Test
    void a_request_that_waited_past_the_deadline_is_refused_without_touching_the_store() {
        List<String> reached = new java.util.concurrent.CopyOnWriteArrayList<>();
        behaviour = token -> {
            reached.add(token);
            return blocked();
        };
        start();
        List<Future<HttpResponse<Buffer>>> running = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            running.add(refresh());
        }
        await(waitUntil(() -> reached.size() == WORKERS));
        Future<HttpResponse<Buffer>> queued = refresh();
        await(waitUntil(() -> admissionInFlight() == WORKERS + 1));
        nanos.addAndGet(Duration.ofMillis(1_001).toNanos());
        release.countDown();

        HttpResponse<Buffer> late = await(queued);
        assertThat(late.statusCode()).isEqualTo(503);
        assertThat(late.getHeader("Retry-After")).isEqualTo("1");
        assertThat(reached).hasSize(WORKERS);
        running.forEach(each -> assertThat(await(each).statusCode()).isEqualTo(200));
    }

    @Test
    void outcomes_are_counted_by_outcome_and_error_and_timed() {
        start();
        assertThat(await(refresh()).statusCode()).isEqualTo(200);
        behaviour = token -> new TokenGrant(DemoData.ivan(), "again", 1440, 2_628_000, true);
        assertThat(await(refresh()).statusCode()).isEqualTo(200);
        behaviour = token -> {
            throw new TokenRefusedException(Refusal.TOKEN_REUSED);
        };
        assertThat(await(refresh()).statusCode()).isEqualTo(401);
        assertThat(await(client.request(HttpMethod.GET, RefreshRoutes.PATH).send()).statusCode()).isEqualTo(400);
        assertThat(await(client.request(HttpMethod.GET, "/elsewhere").send()).statusCode()).isEqualTo(404);

        assertThat(count("rotated", "")).isEqualTo(1);
        assertThat(count("replayed", "")).isEqualTo(1);
        assertThat(count("refused", "token_reused")).isEqualTo(1);
        assertThat(count("refused", "invalid_headers")).isEqualTo(1);
        assertThat(count("refused", "route_not_found")).as("not the refresh endpoint").isZero();
        assertThat(registry.get("customer_tokens.refresh").timer().count()).isEqualTo(4);
    }

    @Test
    void the_dpop_refusals_are_counted_under_their_codes() {
        start();
        for (Refusal refusal : List.of(Refusal.DPOP_REQUIRED, Refusal.DPOP_PROOF_INVALID, Refusal.DPOP_PROOF_INVALID,
                Refusal.DPOP_NONCE_REQUIRED, Refusal.SESSION_IDLE_EXPIRED)) {
            behaviour = token -> {
                throw new TokenRefusedException(refusal);
            };
            assertThat(await(refresh()).statusCode()).isEqualTo(401);
        }

        assertThat(count("refused", "dpop_required")).isEqualTo(1);
        assertThat(count("refused", "dpop_proof_invalid")).isEqualTo(2);
        assertThat(count("refused", "dpop_nonce_required")).isEqualTo(1);
        assertThat(count("refused", "session_idle_expired")).isEqualTo(1);
        assertThat(count("refused", "other")).isZero();
    }

    private double count(String outcome, String error) {
        var counter = registry.find("customer_tokens.refresh").tag("outcome", outcome).tag("error", error).counter();
        return counter == null ? 0 : counter.count();
    }

    private int admissionInFlight() {
        return admission.inFlight();
    }

    private Future<Void> waitUntilFull() {
        return waitUntil(() -> admission.inFlight() == WORKERS + QUEUED);
    }

    private Future<Void> waitUntil(java.util.function.BooleanSupplier condition) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        vertx.setPeriodic(5, id -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(id);
                done.tryComplete();
            }
        });
        return done.future();
    }
}
