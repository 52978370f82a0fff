package dev.customertokens.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client an access-log line names, through a real server: the connection's peer, unless the request carries a
 * forwarding header and the router trusts such headers (a host's router mounting the endpoint may).
 */
class AccessLogClientAddressTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @ParameterizedTest(name = "router trusts {0}, header {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "NONE | -                              | 127.0.0.1",
            "NONE | X-Forwarded-For: 203.0.113.9   | 127.0.0.1",
            "NONE | Forwarded: for=203.0.113.9     | 127.0.0.1",
            "ALL  | -                              | 127.0.0.1",
            "ALL  | X-Forwarded-For: 203.0.113.9   | 203.0.113.9",
            "ALL  | Forwarded: for=203.0.113.9     | 203.0.113.9",
            "X_FORWARD | X-Forwarded-For: 203.0.113.9 | 203.0.113.9",
            "X_FORWARD | Forwarded: for=203.0.113.9   | 127.0.0.1"})
    void names_the_peer_unless_a_trusted_forwarding_header_names_another(AllowForwardHeaders trusted, String header,
                                                                         String expected) {
        Router router = Router.router(vertx).allowForward(trusted);
        router.get("/client").handler(ctx -> ctx.response().end(AccessLog.clientAddress(ctx.request()).hostAddress()));
        HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        HttpRequest<Buffer> request = WebClient.create(vertx).get(server.actualPort(), "127.0.0.1", "/client");
        if (!header.equals("-")) {
            request.putHeader(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).strip());
        }

        assertThat(await(request.send()).bodyAsString()).isEqualTo(expected);
    }
}
