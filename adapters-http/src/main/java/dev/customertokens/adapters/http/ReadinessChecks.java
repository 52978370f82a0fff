package dev.customertokens.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The checks behind {@code GET /health/ready} (CONTRACT 4.1): {@code shutdown}, DOWN from the moment a
 * shutdown begins, and {@code database}, DOWN while the database does not answer with a current schema.
 * The database check blocks, so it runs on a worker, and answers DOWN when it takes longer than its
 * timeout. A DOWN check names its reason under {@code data.reason}.
 */
public final class ReadinessChecks {

    private ReadinessChecks() {
    }

    /**
     * The {@code shutdown} and {@code database} checks.
     *
     * @param vertx           the Vert.x whose worker pool runs the database check
     * @param databaseProblem what is wrong with the database, empty when it answers; blocks
     * @param timeout         the longest the database check may take before it counts as DOWN
     * @param shuttingDown    true once a shutdown has begun
     * @return the checks, for {@link ManagementRoutes.Options#readiness()}
     */
    public static HealthChecks create(Vertx vertx, Supplier<Optional<String>> databaseProblem, Duration timeout,
                                      BooleanSupplier shuttingDown) {
        return HealthChecks.create(vertx)
                .register("shutdown", promise -> promise.complete(shuttingDown.getAsBoolean()
                        ? Status.KO(reason("shutting down")) : Status.OK()))
                .register("database", timeout.toMillis(), promise -> vertx.executeBlocking(databaseProblem::get, false)
                        .onComplete(problem -> promise.tryComplete(problem.isEmpty() ? Status.OK()
                                        : Status.KO(reason(problem.get()))),
                                failure -> promise.tryComplete(Status.KO(reason("the check failed")))));
    }

    private static JsonObject reason(String reason) {
        return new JsonObject().put("reason", reason);
    }
}
