package dev.customertokens.benchmarks;

import dev.customertokens.adapters.http.HttpSettings;
import dev.customertokens.adapters.http.RefreshHttpVerticle;
import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.JwtTokenCodec;
import dev.customertokens.application.service.AdministrationService;
import dev.customertokens.application.service.IssueTokenService;
import dev.customertokens.application.service.RefreshTokenService;
import dev.customertokens.application.service.SecureRandomTokenIds;
import dev.customertokens.application.service.TokenSettings;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.domain.RotationPolicy;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of the benchmark, in a JVM of its own: the same HTTP adapter, codec and refresh use case
 * as {@code serve}, over in-memory stores instead of a database. What it reaches is what the service
 * could reach if storage cost nothing.
 *
 * <pre>java -cp benchmarks.jar dev.customertokens.benchmarks.CeilingServer PORT SESSIONS TOKENS_FILE</pre>
 * It writes the sessions' tokens to TOKENS_FILE, then listens; "ready" on standard output says so.
 */
public final class CeilingServer {

    private CeilingServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int sessions = Integer.parseInt(args[1]);
        Path tokens = Path.of(args[2]);
        String publicUrl = "http://127.0.0.1:" + port;

        InMemoryApplications applications = new InMemoryApplications();
        InMemoryCustomerAccounts customers = new InMemoryCustomerAccounts();
        InMemorySessions store = new InMemorySessions(customers);
        JwtTokenCodec codec = new JwtTokenCodec(JwtSettings.hs256(BenchmarkData.SECRET, JwtSettings.DEFAULT_SUBJECT_HASH,
                Set.of(publicUrl)));
        TokenSettings tokenSettings = new TokenSettings(publicUrl, JwtSettings.DEFAULT_SUBJECT_HASH, RotationPolicy.defaults());
        SecureRandomTokenIds ids = new SecureRandomTokenIds();
        BenchmarkData.seed(new AdministrationService(applications, customers), new AdministrationService(applications, customers),
                new IssueTokenService(applications, customers, store, codec, ids, Clock.systemUTC(), tokenSettings),
                sessions, tokens, null);
        RefreshTokenService refresh = new RefreshTokenService(applications, store, codec, ids, Clock.systemUTC(),
                tokenSettings);

        int eventLoops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        HttpSettings http = new HttpSettings("127.0.0.1", port, Set.of(4, 5), 16);
        // an overload bound per instance, not shared, so that the ceiling stays comparable between runs
        vertx.deployVerticle(() -> new RefreshHttpVerticle(RefreshHttpVerticle.Options.of(refresh, http)),
                        new DeploymentOptions().setInstances(eventLoops))
                .await(30, TimeUnit.SECONDS);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
