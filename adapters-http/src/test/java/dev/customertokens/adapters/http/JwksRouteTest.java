package dev.customertokens.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GET /.well-known/jwks.json on the public port (CONTRACT 2.4), on a real server;
 * {@link JwksRouteMountedTest} runs the same tests mounted on a host's router.
 */
class JwksRouteTest {

    private static final String JWKS = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"kid\":\"k1\",\"alg\":\"EdDSA\",\"use\":\"sig\"}]}";

    private final Vertx vertx = Vertx.vertx();
    private final WebClient client = WebClient.create(vertx);
    private int port;

    ServingForm form() {
        return ServingForm.STAND_ALONE;
    }

    @BeforeEach
    void serve() {
        port = form().serveRefresh(vertx, RefreshHttpVerticle.Options.of(command -> {
            throw new IllegalStateException("not called");
        }, new HttpSettings("127.0.0.1", 0, Set.of(5), 1)).withJwks(JWKS));
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    private HttpResponse<Buffer> send(HttpMethod method, String uri) {
        return await(client.request(method, port, "127.0.0.1", uri).send());
    }

    @Test
    void serves_the_key_set_as_given_cacheable_for_five_minutes_with_no_request_headers() {
        HttpResponse<Buffer> response = send(HttpMethod.GET, RefreshRoutes.JWKS_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo(JWKS);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("public, max-age=300");
    }

    @Test
    void other_methods_answer_405_in_the_envelope() {
        HttpResponse<Buffer> response = send(HttpMethod.POST, RefreshRoutes.JWKS_PATH);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(new JsonObject(response.bodyAsString()).getString("error")).isEqualTo("method_not_allowed");
    }

    @Test
    void other_paths_still_answer_404_and_the_empty_set_is_the_default() {
        assumeTrue(form().answersEveryPath(), "on a host's router the host answers its own paths");
        assertThat(new JsonObject(send(HttpMethod.GET, "/.well-known/jwks").bodyAsString()).getString("error"))
                .isEqualTo("route_not_found");
        assertThat(new JsonObject(send(HttpMethod.GET, "/.well-known/openid-configuration").bodyAsString())
                .getString("error")).isEqualTo("route_not_found");
        assertThat(RefreshRoutes.NO_PUBLIC_KEYS).isEqualTo("{\"keys\":[]}");
    }
}
