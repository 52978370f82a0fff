package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.DeleteCustomerUseCase;
import dev.customertokens.application.port.in.ImportCustomersUseCase;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.ListSessionsUseCase;
import dev.customertokens.application.port.in.RegisterApplicationUseCase;
import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static dev.customertokens.adapters.http.MountedBesideHostRoutesTest.notCalled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code POST /admin/customers:import} on a real server, in front of a store the test scripts: the literal path
 * beside {@code /admin/customers/{id}}, the media type, a body far over the admin API's body limit, and the
 * answers when a line or the store fails. {@link CustomerImportRouteMountedTest} mounts it on a host's router.
 */
class CustomerImportRouteTest {

    private static final String ADMIN_TOKEN = "an-admin-token-of-at-least-32-characters";

    private final Vertx vertx = Vertx.vertx();
    private final List<List<CustomerAccount>> batches = new CopyOnWriteArrayList<>();
    private volatile int failingBatch;
    private WebClient client;

    ServingForm form() {
        return ServingForm.STAND_ALONE;
    }

    @BeforeEach
    void start() {
        ImportCustomersUseCase store = accounts -> {
            if (batches.size() + 1 == failingBatch) {
                throw new StorageUnavailableException("the database is down", null);
            }
            batches.add(accounts);
            return accounts.size();
        };
        AdminRoutes.UseCases useCases = new AdminRoutes.UseCases(notCalled(RegisterApplicationUseCase.class), store,
                notCalled(DeleteCustomerUseCase.class), notCalled(IssueTokenUseCase.class),
                notCalled(ListSessionsUseCase.class), notCalled(RevokeSessionsUseCase.class));
        int port = form().serveAdmin(vertx, new ManagementRoutes.Options(HealthChecks.create(vertx),
                HealthChecks.create(vertx), () -> "", Buffer.buffer("{}")), useCases, ADMIN_TOKEN);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        return client.request(method, path).putHeader("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    private HttpResponse<Buffer> importing(String contentType, String body) {
        HttpRequest<Buffer> request = request(HttpMethod.POST, CustomerImportRoute.PATH);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return await(request.sendBuffer(Buffer.buffer(body)));
    }

    private static String lines(int from, int to) {
        StringBuilder body = new StringBuilder();
        for (int n = from; n <= to; n++) {
            body.append("{\"id\":\"c-").append(n).append("\",\"first_name\":\"").append("x".repeat(40)).append("\"}\n");
        }
        return body.toString();
    }

    private static JsonObject envelope(HttpResponse<Buffer> response) {
        return new JsonObject(response.bodyAsString());
    }

    private int imported() {
        return batches.stream().mapToInt(List::size).sum();
    }

    @Test
    void a_body_far_over_the_admin_body_limit_is_imported_in_batches_in_order() {
        String body = lines(1, 2_345);
        assertThat(body.length()).isGreaterThan(AdminRoutes.MAX_BODY_BYTES);

        HttpResponse<Buffer> answer = importing("application/x-ndjson; charset=utf-8", body);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(envelope(answer)).isEqualTo(new JsonObject().put("status", "OK").put("code", 200)
                .put("data", new JsonObject().put("imported", 2_345)));
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(batches).extracting(List::size).containsExactly(1000, 1000, 345);
        assertThat(batches.get(2).get(344).id().value()).isEqualTo("c-2345");
    }

    @Test
    void blank_lines_crlf_and_a_last_line_without_a_newline_are_read() {
        HttpResponse<Buffer> answer = importing("application/x-ndjson",
                "\n{\"id\":\"a\"}\r\n  \r\n\t\n{\"id\":\"b\",\"state\":2}");

        assertThat(envelope(answer).getJsonObject("data").getInteger("imported")).isEqualTo(2);
        assertThat(batches.get(0)).extracting(account -> account.id().value()).containsExactly("a", "b");
        assertThat(batches.get(0).get(1).state()).isEqualTo(2);
    }

    @Test
    void a_bad_line_is_answered_while_the_client_still_sends_and_the_rest_is_not_written() {
        String body = lines(1, 1_000) + "{\"id\":\"c-1001\",\"state\":\"active\"}\n" + lines(1_002, 60_000);

        HttpResponse<Buffer> answer = importing("application/x-ndjson", body);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonObject error = envelope(answer);
        assertThat(error.getString("error")).isEqualTo("invalid_body");
        assertThat(error.getJsonObject("errors")).isEqualTo(new JsonObject()
                .put("line 1001", new JsonArray().add("state: must be an integer")));
        assertThat(error.getString("message"))
                .isEqualTo("Line 1001 is invalid; the 1000 accounts before line 1001 were imported, nothing from line 1001 on");
        assertThat(imported()).isEqualTo(1000);
        assertThat(await(request(HttpMethod.POST, CustomerImportRoute.PATH).putHeader("Content-Type", "application/x-ndjson")
                .sendBuffer(Buffer.buffer(lines(1, 1)))).statusCode()).as("the connection serves the next request").isEqualTo(200);
    }

    @Test
    void a_store_failure_midway_is_503_with_retry_after_naming_what_was_imported() {
        failingBatch = 3;

        HttpResponse<Buffer> answer = importing("application/x-ndjson", lines(1, 3_500));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.getHeader("Retry-After")).isEqualTo("1");
        assertThat(envelope(answer).getString("error")).isEqualTo("unavailable");
        assertThat(envelope(answer).getString("message")).isEqualTo("The service is temporarily unavailable; retry "
                + "shortly: the 2000 accounts before line 2001 were imported, nothing from line 2001 on");
        assertThat(imported()).isEqualTo(2000);
    }

    @Test
    void another_media_type_is_415_before_anything_is_read() {
        for (String contentType : new String[]{null, "application/json", "text/plain", "application/x-ndjsonx"}) {
            HttpResponse<Buffer> answer = importing(contentType, lines(1, 3));
            assertThat(answer.statusCode()).as(contentType).isEqualTo(415);
            assertThat(envelope(answer).getString("error")).isEqualTo("unsupported_media_type");
        }
        assertThat(batches).isEmpty();
    }

    @Test
    void the_path_is_literal_other_methods_are_405_and_the_token_is_checked_first() {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE)) {
            HttpResponse<Buffer> wrong = await(request(method, CustomerImportRoute.PATH).send());
            assertThat(wrong.statusCode()).as(method.name()).isEqualTo(405);
            assertThat(wrong.getHeader("Allow")).isEqualTo("POST");
            assertThat(envelope(wrong).getString("error")).isEqualTo("method_not_allowed");
        }
        HttpResponse<Buffer> unauthorized = await(client.post(CustomerImportRoute.PATH)
                .putHeader("Content-Type", "application/x-ndjson").sendBuffer(Buffer.buffer(lines(1, 3))));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(envelope(unauthorized).getString("error")).isEqualTo("admin_unauthorized");

        HttpResponse<Buffer> one = await(request(HttpMethod.PUT, "/admin/customers/c-1")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")));
        assertThat(one.statusCode()).as("PUT /admin/customers/{id} is untouched").isEqualTo(200);
        assertThat(batches).hasSize(1);
    }

    @Test
    void paths_near_the_import_are_not_it() {
        assumeTrue(form().answersEveryPath(), "on a host's router the host answers its own paths");
        for (String near : List.of("/admin/customers:importx", "/admin/customersXimport", "/admin/customers:export")) {
            HttpResponse<Buffer> other = await(request(HttpMethod.POST, near).putHeader("Content-Type", "application/x-ndjson")
                    .sendBuffer(Buffer.buffer(lines(1, 1))));
            assertThat(other.statusCode()).as(near).isEqualTo(404);
            assertThat(envelope(other).getString("error")).isEqualTo("route_not_found");
        }
        assertThat(batches).isEmpty();
    }
}
