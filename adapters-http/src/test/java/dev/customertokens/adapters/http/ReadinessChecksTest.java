package dev.customertokens.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT 4.1: the readiness checks, each DOWN for its own reason, the database's bounded by its timeout. */
class ReadinessChecksTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicReference<Optional<String>> databaseProblem = new AtomicReference<>(Optional.empty());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        await(vertx.close());
    }

    private HealthChecks checks(Duration timeout) {
        return ReadinessChecks.create(vertx, databaseProblem::get, timeout, shuttingDown::get);
    }

    private static JsonObject check(CheckResult result, String id) {
        return result.getChecks().stream().filter(each -> each.getId().equals(id)).findFirst()
                .map(each -> new JsonObject().put("up", CheckResult.isUp(each)).put("data", each.getData()))
                .orElseThrow();
    }

    @Test
    void up_while_the_database_answers_and_no_shutdown_has_begun() {
        CheckResult result = await(checks(Duration.ofSeconds(2)).checkStatus());
        assertThat(CheckResult.isUp(result)).isTrue();
        assertThat(result.getChecks()).extracting(CheckResult::getId).containsExactlyInAnyOrder("shutdown", "database");
    }

    @Test
    void each_check_goes_down_with_its_reason() {
        HealthChecks checks = checks(Duration.ofSeconds(2));
        shuttingDown.set(true);
        CheckResult shutdown = await(checks.checkStatus());
        assertThat(CheckResult.isUp(shutdown)).isFalse();
        assertThat(check(shutdown, "shutdown").getJsonObject("data").getString("reason")).isEqualTo("shutting down");
        assertThat(check(shutdown, "database").getBoolean("up")).isTrue();

        shuttingDown.set(false);
        databaseProblem.set(Optional.of("the schema is at version 3, not 4"));
        CheckResult database = await(checks.checkStatus());
        assertThat(CheckResult.isUp(database)).isFalse();
        assertThat(check(database, "database").getJsonObject("data").getString("reason")).isEqualTo("the schema is at version 3, not 4");
        assertThat(check(database, "shutdown").getBoolean("up")).isTrue();
    }

    @Test
    void a_database_check_that_blocks_runs_on_a_worker_and_counts_as_down_after_its_timeout() {
        AtomicReference<String> thread = new AtomicReference<>();
        HealthChecks checks = ReadinessChecks.create(vertx, () -> {
            thread.set(Thread.currentThread().getName());
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }, Duration.ofMillis(200), shuttingDown::get);

        CheckResult result = await(checks.checkStatus());
        assertThat(CheckResult.isUp(result)).isFalse();
        assertThat(check(result, "database").getBoolean("up")).isFalse();
        assertThat(thread.get()).startsWith("vert.x-worker-thread");
    }

    @Test
    void a_database_check_that_throws_is_down() {
        HealthChecks checks = ReadinessChecks.create(vertx, () -> {
            throw new IllegalStateException("pool closed");
        }, Duration.ofSeconds(2), shuttingDown::get);
        CheckResult result = await(checks.checkStatus());
        assertThat(check(result, "database").getJsonObject("data").getString("reason")).isEqualTo("the check failed");
    }
}
