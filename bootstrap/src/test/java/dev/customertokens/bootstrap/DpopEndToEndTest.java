package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.DpopClientKey;
import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static dev.customertokens.adapters.jwt.testing.DpopClientKey.EDDSA;
import static dev.customertokens.adapters.jwt.testing.DpopClientKey.ES256;
import static dev.customertokens.adapters.jwt.testing.DpopClientKey.PS256;
import static dev.customertokens.adapters.jwt.testing.DpopClientKey.RS256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT 2.7 over HTTP on the real service and a real database ({@link DpopOnH2Test}, {@link DpopOnPostgresTest}):
 * sessions bound to a client key refresh with proofs that jose4j makes in each of the four algorithms; every rule
 * of a proof is refused with its code, its {@code WWW-Authenticate: DPoP} challenge and a message naming the rule,
 * and leaves the session as it was; unbound sessions behave as before; the nonce dance; two nodes sharing the
 * replay store.
 */
abstract class DpopEndToEndTest {

    static final String HTU = TestService.PUBLIC_URL + "/api/customers/refresh";
    private static final String ALGS = "DPoP algs=\"ES256 EdDSA RS256 PS256\", error=";

    final MutableClock clock = new MutableClock(TestService.START);
    private final ServiceNodes nodes = new ServiceNodes(engine(), clock);
    private final DpopClientKey client = DpopClientKey.generate(ES256);

    /** The database the nodes share. */
    abstract ServiceNodes.Engine engine();

    private TestService node(String... flags) {
        return nodes.node(flags);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    static String login(TestService node, DpopClientKey key) {
        return node.tokens().issueToken().issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null,
                key == null ? null : KeyThumbprint.of(key.thumbprint()))).token();
    }

    /** A refresh with {@code Authorization: <scheme> <token>} and one {@code DPoP} header per proof. */
    static HttpResponse<Buffer> refresh(TestService node, String scheme, String token, String... proofs) {
        return node.send(HttpMethod.GET, "/api/customers/refresh", headers(scheme, token, proofs));
    }

    static String tokenOf(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return new JsonObject(response.bodyAsString()).getJsonObject("data").getJsonObject("token").getString("value");
    }

    /** A 401 DPoP refusal: its code, its challenge, and a message that names the rule. */
    static void assertRefused(HttpResponse<Buffer> response, String error, String challengeError, String rule) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(401);
        JsonObject body = new JsonObject(response.bodyAsString());
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).contains(rule);
        assertThat(response.headers().getAll("WWW-Authenticate")).containsExactly(ALGS + "\"" + challengeError + "\"");
    }

    private static Session sessionOf(TestService node, String token) {
        return node.tokens().database().sessions()
                .find(SessionId.of(TokenForge.payloadOf(token).getLong("session_id"))).orElseThrow();
    }

    private String proof(String token) {
        return client.proof(HTU, token, clock.instant());
    }

    private Map<String, Object> claims(String token) {
        return client.claims(HTU, token, clock.instant());
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- a bound session

    @ParameterizedTest
    @ValueSource(strings = {ES256, EDDSA, RS256, PS256})
    void a_bound_session_refreshes_with_proofs_of_its_key_in_each_algorithm(String alg) {
        TestService node = node();
        DpopClientKey key = DpopClientKey.generate(alg);
        String token = login(node, key);
        assertThat(TokenForge.payloadOf(token).getJsonObject("cnf")).isEqualTo(new JsonObject().put("jkt", key.thumbprint()));

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(5));
            token = tokenOf(refresh(node, "DPoP", token, key.proof(HTU, token, clock.instant())));
            assertThat(TokenForge.payloadOf(token).getJsonObject("cnf").getString("jkt")).isEqualTo(key.thumbprint());
        }
        assertThat(sessionOf(node, token).rotations()).isEqualTo(3);
    }

    /** Each way a request can break 2.7, as a function of the bound session's token and its client key. */
    private record Broken(String name, BiFunction<String, DpopClientKey, MultiMap> request, String error,
                          String challenge, String rule) {
    }

    private List<Broken> everyBrokenRule() throws JoseException {
        String rsaJwk = RsaJwkGenerator.generateJwk(2048).toJson();
        String privateJwk = client.jwk().toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        DpopClientKey otherKey = DpopClientKey.generate(ES256);
        DpopClientKey impostor = DpopClientKey.generate(ES256);
        List<Broken> broken = new ArrayList<>();
        broken.add(new Broken("the DPoP scheme without a proof", (t, k) -> headers("DPoP", t),
                "dpop_required", "invalid_token", "bound to a key"));
        broken.add(new Broken("the Bearer scheme without a proof", (t, k) -> headers("Bearer", t),
                "dpop_required", "invalid_token", "bound to a key"));
        broken.add(new Broken("the Bearer scheme with a valid proof", (t, k) -> headers("Bearer", t, proof(t)),
                "dpop_required", "invalid_token", "bound to a key"));
        broken.add(new Broken("two proofs", (t, k) -> headers("DPoP", t, proof(t), proof(t)),
                "dpop_proof_invalid", "invalid_dpop_proof", "exactly one DPoP header"));
        broken.add(invalid("typ JWT", (t, k) -> k.sign("JWT", ES256, k.jwk(), json(claims(t))), "typ must be dpop+jwt"));
        broken.add(invalid("alg HS256", (t, k) -> b64("{\"typ\":\"dpop+jwt\",\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\","
                + "\"k\":\"c2VjcmV0\"}}") + "." + b64(json(claims(t))) + "." + b64("mac"), "alg must be one of"));
        broken.add(invalid("alg none", (t, k) -> b64("{\"typ\":\"dpop+jwt\",\"alg\":\"none\",\"jwk\":"
                + k.publicJwkJson() + "}") + "." + b64(json(claims(t))) + ".", "alg must be one of"));
        broken.add(invalid("a jwk with its private part", (t, k) -> b64("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\","
                + "\"jwk\":" + privateJwk + "}") + "." + b64(json(claims(t))) + "." + b64("sig"), "public key"));
        broken.add(invalid("an RSA jwk under ES256", (t, k) -> b64("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":"
                + rsaJwk + "}") + "." + b64(json(claims(t))) + "." + b64("sig"), "ES256 needs an EC key on P-256"));
        broken.add(invalid("signed by another key than its jwk",
                (t, k) -> impostor.sign("dpop+jwt", ES256, k.jwk(), json(claims(t))), "signature does not verify"));
        broken.add(invalid("a valid proof of another key", (t, k) -> otherKey.proof(HTU, t, clock.instant()),
                "a key other than the one the session is bound to"));
        broken.add(invalid("an empty jti", (t, k) -> withClaim(k, t, "jti", ""), "jti must be 1 to 128 characters"));
        broken.add(invalid("a jti of 129 characters", (t, k) -> withClaim(k, t, "jti", "j".repeat(129)),
                "jti must be 1 to 128 characters"));
        broken.add(invalid("a jti that is a number", (t, k) -> withClaim(k, t, "jti", 7), "jti must be a string"));
        broken.add(invalid("htm POST", (t, k) -> withClaim(k, t, "htm", "POST"), "htm must be GET"));
        broken.add(invalid("htu of another host", (t, k) -> withClaim(k, t, "htu", "http://evil.test/api/customers/refresh"),
                "htu must be " + HTU));
        broken.add(invalid("htu of another path", (t, k) -> withClaim(k, t, "htu", TestService.PUBLIC_URL
                + "/api/customers/login"), "htu must be " + HTU));
        broken.add(invalid("htu over https", (t, k) -> withClaim(k, t, "htu", HTU.replace("http:", "https:")),
                "htu must be " + HTU));
        broken.add(invalid("iat 61 s ago", (t, k) -> withClaim(k, t, "iat", clock.instant().getEpochSecond() - 61),
                "from the server's time (" + clock.instant().getEpochSecond() + ")"));
        broken.add(invalid("iat 61 s ahead", (t, k) -> withClaim(k, t, "iat", clock.instant().getEpochSecond() + 61),
                "more than 60 s from the server's time"));
        broken.add(invalid("no ath", (t, k) -> withClaim(k, t, "ath", null), "ath must be the base64url SHA-256"));
        broken.add(invalid("the ath of another token", (t, k) -> withClaim(k, t, "ath",
                DpopClientKey.accessTokenHash(t + "x")), "ath must be the base64url SHA-256"));
        broken.add(invalid("a proof over 8 KiB", (t, k) -> withClaim(k, t, "pad", "p".repeat(8 * 1024)), "over 8 KiB"));
        broken.add(invalid("not a JWT", (t, k) -> "not-a-jwt", "not a compact JWS"));
        return broken;
    }

    private static Broken invalid(String name, BiFunction<String, DpopClientKey, String> proof, String rule) {
        return new Broken(name, (t, k) -> headers("DPoP", t, proof.apply(t, k)), "dpop_proof_invalid",
                "invalid_dpop_proof", rule);
    }

    private static MultiMap headers(String scheme, String token, String... proofs) {
        MultiMap headers = TestService.validHeaders(token).set("Authorization", scheme + " " + token);
        for (String proof : proofs) {
            headers.add("DPoP", proof);
        }
        return headers;
    }

    private String withClaim(DpopClientKey key, String token, String claim, Object value) {
        Map<String, Object> claims = key.claims(HTU, token, clock.instant());
        if (value == null) {
            claims.remove(claim);
        } else {
            claims.put(claim, value);
        }
        return key.proof(claims);
    }

    private static String json(Map<String, Object> claims) {
        return new JsonObject(claims).encode();
    }

    @Test
    void every_rule_of_a_proof_is_refused_with_its_code_and_message_and_leaves_the_session_unharmed() throws Exception {
        TestService node = node();
        String token = login(node, client);
        List<Broken> cases = everyBrokenRule();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(24);

        for (Broken broken : cases) {
            HttpResponse<Buffer> response = node.send(HttpMethod.GET, "/api/customers/refresh",
                    broken.request().apply(token, client));
            assertRefused(response, broken.error(), broken.challenge(), broken.rule());
            Session session = sessionOf(node, token);
            assertThat(session.rotations()).as(broken.name()).isZero();
            assertThat(session.isRevoked()).as(broken.name()).isFalse();
        }

        String next = tokenOf(refresh(node, "DPoP", token, proof(token)));
        assertThat(sessionOf(node, next).rotations()).as("the token refused so often is still the current one").isEqualTo(1);
    }

    @Test
    void the_htu_is_compared_without_query_and_fragment_case_insensitively_and_with_its_default_port() {
        TestService node = node();
        String token = login(node, client);
        for (String htu : List.of("HTTP://TOKENS.TEST/api/customers/refresh", "http://tokens.test:80/api/customers/refresh",
                HTU + "?page=1", HTU + "#top")) {
            clock.advance(Duration.ofSeconds(1));
            token = tokenOf(refresh(node, "DPoP", token, client.proof(htu, token, clock.instant())));
        }
    }

    @Test
    void an_iat_within_the_configured_skew_is_accepted_either_way() {
        TestService node = node("--dpop-max-skew-seconds", "10");
        String token = login(node, client);
        token = tokenOf(refresh(node, "DPoP", token, client.proof(HTU, token, clock.instant().minusSeconds(10))));
        token = tokenOf(refresh(node, "DPoP", token, client.proof(HTU, token, clock.instant().plusSeconds(10))));

        assertRefused(refresh(node, "DPoP", token, client.proof(HTU, token, clock.instant().minusSeconds(11))),
                "dpop_proof_invalid", "invalid_dpop_proof", "is more than 10 s from the server's time");
    }

    @Test
    void a_proof_is_accepted_once_and_its_replay_leaves_the_session_unharmed() {
        TestService node = node();
        String token = login(node, client);
        String proof = proof(token);
        String next = tokenOf(refresh(node, "DPoP", token, proof));

        assertRefused(refresh(node, "DPoP", token, proof), "dpop_proof_invalid", "invalid_dpop_proof",
                "its jti was used already");
        assertThat(sessionOf(node, next).isRevoked()).isFalse();
        assertThat(tokenOf(refresh(node, "DPoP", next, proof(next)))).isNotEqualTo(next);
    }

    @Test
    void grace_replays_and_retries_of_a_bound_session_need_a_fresh_proof() {
        TestService node = node();
        String token = login(node, client);
        MultiMap rotating = headers("DPoP", token, proof(token)).set("X-Request-ID", "rotating-1");
        String successor = tokenOf(node.send(HttpMethod.GET, "/api/customers/refresh", rotating));

        assertRefused(node.send(HttpMethod.GET, "/api/customers/refresh",
                headers("DPoP", token).set("X-Request-ID", "rotating-1")), "dpop_required", "invalid_token", "bound");
        assertThat(tokenOf(node.send(HttpMethod.GET, "/api/customers/refresh",
                headers("DPoP", token, proof(token)).set("X-Request-ID", "rotating-1")))).isEqualTo(successor);
        assertThat(tokenOf(refresh(node, "DPoP", token, proof(token)))).as("a grace replay").isEqualTo(successor);
        assertThat(sessionOf(node, successor).rotations()).isEqualTo(1);
    }

    // ---- an unbound session

    @Test
    void an_unbound_session_takes_either_scheme_and_a_valid_proof_changes_nothing() {
        TestService node = node();
        String token = login(node, null);

        token = tokenOf(refresh(node, "Bearer", token));
        token = tokenOf(refresh(node, "Bearer", token, proof(token)));
        token = tokenOf(refresh(node, "DPoP", token, proof(token)));
        assertThat(TokenForge.payloadOf(token).containsKey("cnf")).isFalse();
        assertThat(sessionOf(node, token).dpopJkt()).isNull();

        assertRefused(refresh(node, "DPoP", token), "dpop_required", "invalid_token", "needs a DPoP proof");
        assertRefused(refresh(node, "Bearer", token, withClaim(client, token, "htm", "POST")), "dpop_proof_invalid",
                "invalid_dpop_proof", "htm must be GET");
        assertThat(tokenOf(refresh(node, "Bearer", token))).isNotEqualTo(token);
    }

    // ---- server nonces

    @Test
    void the_nonce_dance_a_proof_without_the_nonce_is_sent_again_with_it_same_token_same_jti() {
        TestService node = node("--dpop-nonces", "true");
        String token = login(node, client);
        Map<String, Object> claims = claims(token);

        HttpResponse<Buffer> first = refresh(node, "DPoP", token, client.proof(claims));
        assertRefused(first, "dpop_nonce_required", "use_dpop_nonce", "nonce");
        String nonce = first.getHeader("DPoP-Nonce");
        assertThat(nonce).isNotBlank();
        assertThat(sessionOf(node, token).rotations()).isZero();

        claims.put("nonce", nonce);
        String next = tokenOf(refresh(node, "DPoP", token, client.proof(claims)));

        clock.advance(Duration.ofMinutes(5));
        HttpResponse<Buffer> stale = refresh(node, "DPoP", next, client.proof(HTU, next, clock.instant(), nonce));
        assertRefused(stale, "dpop_nonce_required", "use_dpop_nonce", "nonce");
        assertThat(stale.getHeader("DPoP-Nonce")).isNotBlank().isNotEqualTo(nonce);
        assertRefused(refresh(node, "DPoP", next, client.proof(HTU, next, clock.instant(), "made-up")),
                "dpop_nonce_required", "use_dpop_nonce", "nonce");
        assertThat(tokenOf(refresh(node, "DPoP", next, client.proof(HTU, next, clock.instant(),
                stale.getHeader("DPoP-Nonce"))))).isNotEqualTo(next);
    }

    @Test
    void with_nonces_on_a_broken_rule_is_told_before_the_missing_nonce_and_a_proofless_unbound_refresh_is_as_before() {
        TestService node = node("--dpop-nonces", "true");
        String bound = login(node, client);
        assertRefused(refresh(node, "DPoP", bound, withClaim(client, bound, "htm", "PUT")), "dpop_proof_invalid",
                "invalid_dpop_proof", "htm must be GET");
        assertRefused(refresh(node, "Bearer", bound), "dpop_required", "invalid_token", "bound to a key");

        String unbound = login(node, null);
        assertRefused(refresh(node, "Bearer", unbound, proof(unbound)), "dpop_nonce_required", "use_dpop_nonce", "nonce");
        assertThat(tokenOf(refresh(node, "Bearer", unbound))).isNotEqualTo(unbound);
    }

    // ---- many nodes

    @Test
    void two_nodes_share_the_replay_store_and_the_nonces() {
        TestService nodeA = node("--dpop-nonces", "true");
        TestService nodeB = node("--dpop-nonces", "true");
        String token = login(nodeA, client);
        String nonce = refresh(nodeA, "DPoP", token, proof(token)).getHeader("DPoP-Nonce");
        String proof = client.proof(HTU, token, clock.instant(), nonce);

        String next = tokenOf(refresh(nodeB, "DPoP", token, proof));

        assertRefused(refresh(nodeA, "DPoP", token, proof), "dpop_proof_invalid", "invalid_dpop_proof",
                "its jti was used already");
        assertRefused(refresh(nodeB, "DPoP", token, proof), "dpop_proof_invalid", "invalid_dpop_proof",
                "its jti was used already");
        assertThat(tokenOf(refresh(nodeA, "DPoP", next, client.proof(HTU, next, clock.instant(), nonce))))
                .isNotEqualTo(next);
    }

    // ---- what operators see

    @Test
    void the_dpop_refusals_are_counted_under_their_codes_and_the_listing_shows_the_key() {
        TestService node = node("--dpop-nonces", "true");
        String token = login(node, client);
        refresh(node, "Bearer", token);
        refresh(node, "DPoP", token, withClaim(client, token, "htm", "POST"));
        refresh(node, "DPoP", token, withClaim(client, token, "htm", "POST"));
        refresh(node, "DPoP", token, proof(token));

        String metrics = node.management(HttpMethod.GET, "/metrics").bodyAsString();
        assertThat(metrics)
                .contains("customer_tokens_refresh_total{error=\"dpop_required\",outcome=\"refused\"} 1.0")
                .contains("customer_tokens_refresh_total{error=\"dpop_proof_invalid\",outcome=\"refused\"} 2.0")
                .contains("customer_tokens_refresh_total{error=\"dpop_nonce_required\",outcome=\"refused\"} 1.0")
                .contains("customer_tokens_refresh_total{error=\"other\",outcome=\"refused\"} 0.0");
        JsonObject listed = new JsonObject(node.admin(HttpMethod.GET, "/admin/customers/" + DemoData.IVAN_ID.value()
                + "/sessions", AdminApiTest.BEARER, null).bodyAsString());
        assertThat(listed.getJsonObject("data").getJsonArray("sessions").getJsonObject(0).getString("dpop_jkt"))
                .isEqualTo(client.thumbprint());
    }
}
