package dev.customertokens.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The management listener's routes on a real server: health, metrics, the API description, and the
 * envelope for the rest; {@link ManagementRoutesMountedTest} runs them mounted on a host's router.
 */
class ManagementRoutesTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private WebClient client;

    ServingForm form() {
        return ServingForm.STAND_ALONE;
    }

    @BeforeEach
    void start() {
        HealthChecks readiness = HealthChecks.create(vertx).register("database", 1_000, promise ->
                promise.complete(databaseUp.get() ? Status.OK() : Status.KO(new JsonObject().put("reason", "the database cannot be reached"))));
        int port = form().serveManagement(vertx, new ManagementRoutes.Options(HealthChecks.create(vertx), readiness,
                () -> "# HELP up\nup 1\n", Buffer.buffer("{\"openapi\":\"3.1.0\"}")));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path) {
        return await(client.request(method, path).send());
    }

    @Test
    void liveness_and_readiness_follow_their_checks() {
        HttpResponse<Buffer> live = send(HttpMethod.GET, "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("UP");

        assertThat(send(HttpMethod.GET, "/health/ready").statusCode()).isEqualTo(200);
        databaseUp.set(false);
        HttpResponse<Buffer> down = send(HttpMethod.GET, "/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonObject body = down.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getJsonArray("checks").getJsonObject(0).getString("id")).isEqualTo("database");
        assertThat(body.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("reason"))
                .contains("cannot be reached");
        assertThat(down.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(down.getHeader("X-Request-ID")).isNotBlank();
        assertThat(send(HttpMethod.GET, "/health/live").statusCode()).as("liveness does not follow the database").isEqualTo(200);
    }

    @Test
    void metrics_and_the_api_description_carry_their_own_content_type() {
        HttpResponse<Buffer> metrics = send(HttpMethod.GET, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.bodyAsString()).contains("up 1");
        HttpResponse<Buffer> openApi = send(HttpMethod.GET, "/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.bodyAsJsonObject().getString("openapi")).isEqualTo("3.1.0");
    }

    @Test
    void unknown_paths_answer_in_the_envelope() {
        assumeTrue(form().answersEveryPath(), "on a host's router the host answers its own paths");
        HttpResponse<Buffer> unknown = send(HttpMethod.GET, "/api/customers/refresh");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("route_not_found");
        assertThat(unknown.getHeader("Cache-Control")).isEqualTo("no-store");

        HttpResponse<Buffer> undecodable = send(HttpMethod.GET, "/%zz");
        assertThat(undecodable.statusCode()).isEqualTo(404);
        assertThat(undecodable.bodyAsJsonObject().getString("status")).isEqualTo("ERROR");
    }

    @Test
    void other_methods_answer_in_the_envelope() {
        HttpResponse<Buffer> wrongMethod = send(HttpMethod.POST, "/metrics");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.getHeader("Allow")).isEqualTo("GET");
        assertThat(wrongMethod.bodyAsJsonObject().getString("error")).isEqualTo("method_not_allowed");
    }
}
