package com.example.shop;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.RefreshRequestHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shop answers its own route and, beside it, refreshes a customer's token over HTTP. */
class ShopServiceTest {

    private static final String SECRET = "the-shop-keeps-this-secret-of-32-bytes-or-more";

    private final ShopService shop = ShopService.start(0, "jdbc:h2:mem:shop-" + UUID.randomUUID(), SECRET,
            "http://127.0.0.1");
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        shop.close();
    }

    private HttpResponse<String> get(String path, List<String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.port() + path));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_shop_refreshes_a_customers_token_beside_its_own_route() throws Exception {
        shop.tokens().administration().register(DemoData.demoApplication());
        shop.tokens().administration().importAccounts(List.of(DemoData.ivan()));
        TokenGrant login = shop.tokens().issueToken()
                .issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null));

        HttpResponse<String> refreshed = get("/api/customers/refresh", RefreshRequestHeaders.valid(login.token())
                .entrySet().stream().flatMap(header -> java.util.stream.Stream.of(header.getKey(), header.getValue()))
                .toList());

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertTrue(refreshed.body().contains("\"customer_account\""));
        assertNotEquals(-1, refreshed.body().indexOf("\"token\":{\"value\":\"eyJ"));
        assertEquals("[{\"id\":1,\"total\":\"12.50\"}]", get("/api/orders", List.of()).body().replace(" ", ""));
    }

    @Test
    void a_refresh_without_its_headers_answers_the_endpoints_envelope_and_the_rest_stays_the_shops() throws Exception {
        HttpResponse<String> refused = get("/api/customers/refresh", List.of());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("\"error\":\"invalid_headers\""));
        assertEquals(404, get("/api/unknown", List.of()).statusCode());
    }
}
