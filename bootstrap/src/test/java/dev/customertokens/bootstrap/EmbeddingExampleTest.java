package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.JwtTokenCodec;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.service.IssueTokenService;
import dev.customertokens.application.service.RefreshTokenService;
import dev.customertokens.application.service.SecureRandomTokenIds;
import dev.customertokens.application.service.TokenSettings;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.adapters.http.HttpFailureHandler;
import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.testkit.RefreshRequestHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's embedding examples, kept here so that they compile and work. Keep the two in step: the
 * README quotes the code between the {@code README-BEGIN} and {@code README-END} markers.
 */
class EmbeddingExampleTest {

    private static final String SECRET = "change-me-to-a-long-random-secret-of-32-bytes-or-more";

    @Test
    void embed_the_whole_library_on_its_own_database() {
        // README-BEGIN embed-library
        try (CustomerTokens tokens = CustomerTokens.builder()
                .jdbcUrl("jdbc:h2:mem:tokens-example")           // or .dataSource(yourPool)
                .jwtSecret(SECRET)                               // or .signWith(aSecretKey / aPrivateKey)
                .publicUrl("https://api.shop.example")
                .build()) {
            tokens.administration().register(DemoData.demoApplication());
            tokens.administration().importAccounts(List.of(DemoData.ivan()));

            // What a login does once it knows who the customer is:
            TokenGrant login = tokens.issueToken().issue(
                    new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null));

            // What GET /api/customers/refresh does, without HTTP:
            TokenGrant refreshed = tokens.refreshToken().refresh(new RefreshTokenCommand(
                    login.token(), DemoData.DEMO_KEY, RequestId.of("order-42-refresh"), null));
            // README-END embed-library

            assertThat(refreshed.token()).isNotEqualTo(login.token());
            assertThat(refreshed.customerAccount()).isEqualTo(DemoData.ivan());
            TokenGrant again = tokens.refreshToken().refresh(new RefreshTokenCommand(
                    login.token(), DemoData.DEMO_KEY, RequestId.of("order-42-refresh"), null));
            assertThat(again.token()).isEqualTo(refreshed.token());
        }
    }

    @Test
    void mount_the_endpoint_on_your_own_vertx_router() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (CustomerTokens tokens = CustomerTokens.builder().jdbcUrl("jdbc:h2:mem:mount-example").jwtSecret(SECRET)
                .publicUrl("https://api.shop.example").build()) {
            tokens.administration().register(DemoData.demoApplication());
            tokens.administration().importAccounts(List.of(DemoData.ivan()));
            // README-BEGIN mount-router
            Router router = Router.router(vertx);
            router.get("/api/orders").handler(ctx -> ctx.json(List.of()));    // a route of your own
            WorkerExecutor workers = vertx.createSharedWorkerExecutor("tokens", 16);
            CustomerTokensRoutes.mountRefresh(router, tokens, workers, 16);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                            .setMaxHeaderSize(HttpSettings.MAX_HEADER_BYTES))    // 431 past 16 KiB, as serve
                    .invalidRequestHandler(HttpFailureHandler::invalidRequest)
                    .requestHandler(router)
                    .listen(0).await();
            // README-END mount-router

            TokenGrant login = tokens.issueToken().issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null));
            WebClient client = WebClient.create(vertx);
            var refreshed = client.get(server.actualPort(), "127.0.0.1", "/api/customers/refresh")
                    .putHeaders(MultiMap.caseInsensitiveMultiMap().addAll(RefreshRequestHeaders.valid(login.token())))
                    .send().await(30, TimeUnit.SECONDS);
            assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
            assertThat(client.get(server.actualPort(), "127.0.0.1", "/api/orders").send().await(30, TimeUnit.SECONDS)
                    .bodyAsString()).isEqualTo("[]");
            server.close().await(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void bring_your_own_adapters_behind_the_ports() {
        // README-BEGIN own-adapters
        var applications = new InMemoryApplications();      // your Applications adapter
        var customers = new InMemoryCustomerAccounts();     // your CustomerAccounts adapter
        var sessions = new InMemorySessions(customers);     // your Sessions adapter (must compare-and-set)
        var codec = new JwtTokenCodec(JwtSettings.hs256(SECRET, DemoData.SEED_SUBJECT_HASH,
                Set.of("https://api.shop.example")));
        var tokenSettings = new TokenSettings("https://api.shop.example", DemoData.SEED_SUBJECT_HASH,
                RotationPolicy.defaults());
        var tokenIds = new SecureRandomTokenIds();
        RefreshTokenUseCase refresh = new RefreshTokenService(applications, sessions, codec, tokenIds,
                Clock.systemUTC(), tokenSettings);
        // README-END own-adapters

        applications.save(DemoData.demoApplication());
        customers.save(DemoData.ivan());
        var issue = new IssueTokenService(applications, customers, sessions, codec, tokenIds, Clock.systemUTC(), tokenSettings);
        String token = issue.issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null)).token();
        assertThat(refresh.refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of("r1"), null)).token())
                .isNotEqualTo(token);
        assertThatThrownBy(() -> refresh.refresh(new RefreshTokenCommand(token, ApplicationKey.of("ffffffffffffffffffffffffffffffff"),
                RequestId.of("r2"), null)))
                .isInstanceOfSatisfying(TokenRefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.APPLICATION_UNKNOWN));
    }
}
