package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.RefreshRequestHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP adapter on a real server on a random port, served in the given form, in front of a use case
 * the test scripts, so that each wire rule is tested without a database or codec deciding anything.
 */
final class EndpointHarness implements AutoCloseable {

    static final String PATH = RefreshRoutes.PATH;
    static final String TOKEN = "header.payload.signature";

    final Vertx vertx = Vertx.vertx();
    final ServingForm form;
    final WebClient client;
    /** Every command that reached the use case, and the thread it ran on. */
    final List<RefreshTokenCommand> commands = new CopyOnWriteArrayList<>();
    final List<Thread> useCaseThreads = new CopyOnWriteArrayList<>();
    volatile Function<RefreshTokenCommand, TokenGrant> behaviour = command -> grant("new.token.value");

    EndpointHarness(ServingForm form) {
        this.form = form;
        RefreshTokenUseCase useCase = command -> {
            commands.add(command);
            useCaseThreads.add(Thread.currentThread());
            return behaviour.apply(command);
        };
        int port = form.serveRefresh(vertx, RefreshHttpVerticle.Options.of(useCase,
                new HttpSettings("127.0.0.1", 0, Set.of(4, 5), 4)));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    static TokenGrant grant(String token) {
        return new TokenGrant(DemoData.ivan(), token, 1440, 2_628_000);
    }

    /** The headers of a valid refresh request, which tests then break one at a time. */
    static MultiMap validHeaders() {
        return MultiMap.caseInsensitiveMultiMap().addAll(RefreshRequestHeaders.valid(TOKEN));
    }

    HttpResponse<Buffer> get(MultiMap headers) {
        return send(HttpMethod.GET, PATH, headers);
    }

    HttpResponse<Buffer> send(HttpMethod method, String uri, MultiMap headers) {
        return await(client.request(method, uri).putHeaders(headers).send());
    }

    static JsonObject body(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString());
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("did not complete: " + e, e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
