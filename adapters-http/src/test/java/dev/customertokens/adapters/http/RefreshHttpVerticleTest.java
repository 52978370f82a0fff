package dev.customertokens.adapters.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** One instance per event loop, on one port, even when the system picks it. */
class RefreshHttpVerticleTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void instances_deployed_on_port_0_share_one_random_port_and_all_serve() {
        List<RefreshHttpVerticle> instances = new CopyOnWriteArrayList<>();
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, Set.of(5), 2);
        await(vertx.deployVerticle(() -> {
            RefreshHttpVerticle instance = new RefreshHttpVerticle(RefreshHttpVerticle.Options.of(command -> {
                throw new IllegalStateException("not called");
            }, settings));
            instances.add(instance);
            return instance;
        }, new DeploymentOptions().setInstances(2)));

        assertThat(instances).hasSize(2);
        int port = instances.get(0).actualPort();
        assertThat(port).isPositive();
        assertThat(instances.get(1).actualPort()).isEqualTo(port);

        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            // a new connection each time, so that the acceptor spreads them
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
            statuses.add(await(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                    .setPort(port).setURI("/nowhere")).compose(request -> request.send())).statusCode());
            await(client.close());
        }
        assertThat(statuses).containsExactly(404);
    }
}
