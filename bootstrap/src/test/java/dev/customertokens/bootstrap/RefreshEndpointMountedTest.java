package dev.customertokens.bootstrap;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the endpoint's contract, on the library built with its builder and mounted on a host's Vert.x
 * router beside a route of the host's own: the same answers as {@code serve} on its paths, the host's own answers
 * on every other path.
 */
class RefreshEndpointMountedTest extends RefreshEndpointTest {

    @Override
    TestService serviceUnderTest() {
        return TestService.mountedOnAHostRouter();
    }

    /** A path that is not the endpoint's is the host's: its own 404, not the endpoint's envelope. */
    @Override
    @Test
    void row_route_not_found() {
        HttpResponse<Buffer> response = service.send(HttpMethod.GET, "/api/customers/refreshed",
                TestService.validHeaders("x"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.bodyAsString()).doesNotContain("route_not_found");
    }

    /** On the endpoint's own path; every other path is the host's, which sets its own headers. */
    @Override
    @Test
    void every_response_echoes_a_valid_request_id_or_makes_one() {
        HttpResponse<Buffer> echoed = service.send(HttpMethod.POST, "/api/customers/refresh",
                TestService.validHeaders("x").set("X-Request-ID", "abc.DEF_123-x"));
        assertThat(echoed.getHeader("X-Request-ID")).isEqualTo("abc.DEF_123-x");
        HttpResponse<Buffer> generated = service.send(HttpMethod.GET, "/api/customers/refresh",
                TestService.validHeaders("x").set("X-Request-ID", "not valid!"));
        assertThat(generated.getHeader("X-Request-ID")).isNotBlank().isNotEqualTo("not valid!");
        assertThat(generated.statusCode()).isEqualTo(400);
    }

    @Test
    void the_hosts_own_route_answers_beside_the_endpoint() {
        HttpResponse<Buffer> hello = service.send(HttpMethod.GET, HostServer.HOST_ROUTE, TestService.validHeaders("x"));
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.bodyAsString()).isEqualTo("hello");
        assertThat(hello.getHeader("X-Request-ID")).as("no header of ours on the host's paths").isNull();
    }
}
