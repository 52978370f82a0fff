package dev.customertokens.benchmarks;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The physical limit of the benchmark: a bare Vert.x route on the same HTTP stack that signs one HS256 JWT per
 * request with the JDK's {@code Mac} and answers a body of the 200's size, with no header rule, no use case and
 * no store. What the service reaches is shown as a share of it.
 *
 * <pre>java -cp benchmarks.jar dev.customertokens.benchmarks.BareRouteServer PORT SESSIONS TOKENS_FILE</pre>
 * It writes SESSIONS opaque tokens to TOKENS_FILE (the load client presents them as it would real ones), then
 * listens; "ready" on standard output says so.
 */
public final class BareRouteServer extends VerticleBase {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"
            .getBytes(StandardCharsets.US_ASCII));
    private static final String ACCOUNT = "{\"id\":\"0da5a3f0-a354-4c04-8438-f1389c19a3f7\",\"type_id\":1,"
            + "\"first_name\":\"Ivan\",\"last_name\":\"Djordjevic\",\"email\":\"ivan.djordjevic@partech.com\","
            + "\"confirmed\":true,\"phone_number\":\"+381111111111\",\"locale\":\"en\",\"state\":1,\"demographics\":[],"
            + "\"optin_status_email\":3,\"optin_status_pn\":3,\"has_pending_email_change\":true,"
            + "\"has_pending_phone_number_change\":true,\"is_social\":true}";

    private final int port;
    private final ThreadLocal<Mac> macs;

    private BareRouteServer(int port) {
        this.port = port;
        SecretKeySpec key = new SecretKeySpec(BenchmarkData.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int sessions = Integer.parseInt(args[1]);
        List<String> tokens = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            tokens.add("bare-" + i);
        }
        Files.write(Path.of(args[2]), tokens, StandardCharsets.US_ASCII);
        int eventLoops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        vertx.deployVerticle(() -> new BareRouteServer(port), new DeploymentOptions().setInstances(eventLoops))
                .await(30, TimeUnit.SECONDS);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/api/customers/refresh").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer("{\"status\":\"OK\",\"code\":200,\"data\":{\"customer_account\":" + ACCOUNT
                        + ",\"token\":{\"value\":\"" + signedToken() + "\",\"ttl\":1440,\"refresh_ttl\":2628000}}}")));
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
                .requestHandler(router).listen();
    }

    /** A token of the real one's size and claims, with a fresh id and time. */
    private String signedToken() {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"http://127.0.0.1:" + port + "/api/customers/refresh\",\"iat\":" + now
                + ",\"nbf\":" + now + ",\"exp\":" + (now + 86_400) + ",\"jti\":\""
                + new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong())
                + "\",\"sub\":\"0da5a3f0-a354-4c04-8438-f1389c19a3f7\",\"prv\":\"cc32921a15480a117d9bbc72c0e1256a6852458b\","
                + "\"application_id\":15,\"session_id\":1}";
        String signingInput = HEADER + '.' + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        byte[] signature = macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + '.' + BASE64URL.encodeToString(signature);
    }
}
