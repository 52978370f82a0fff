package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.testkit.DemoData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distinct bad tokens, each built from a real login token of a live session so that only the one thing
 * named is wrong; every one must answer 401 token_invalid, never a 500 and never a rotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadTokensOverHttpTest {

    private static final String HS256_HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
    private static final List<String> CLAIMS = List.of("iss", "iat", "nbf", "exp", "jti", "sub", "prv", "application_id",
            "session_id");

    private TestService service;
    private String good;
    private JsonObject claims;

    @BeforeAll
    void start() {
        service = new TestService();
        good = service.login().token();
        claims = TokenForge.payloadOf(good);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private static String[] parts(String token) {
        return token.split("\\.");
    }

    Stream<Arguments> badTokens() {
        List<Arguments> cases = new ArrayList<>();
        Function<JsonObject, String> signed = payload -> TokenForge.valid(TestService.SECRET, payload);
        String[] p = parts(good);
        cases.add(Arguments.of("alg none, unsigned", TokenForge.b64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + p[1] + "."));
        cases.add(Arguments.of("alg None with the original signature", TokenForge.b64("{\"typ\":\"JWT\",\"alg\":\"None\"}") + "." + p[1] + "." + p[2]));
        cases.add(Arguments.of("alg NONE, unsigned", TokenForge.b64("{\"alg\":\"NONE\"}") + "." + p[1] + "."));
        cases.add(Arguments.of("alg HS512 signed with the right secret",
                TokenForge.hs512(TestService.SECRET, "{\"typ\":\"JWT\",\"alg\":\"HS512\"}", claims.encode())));
        cases.add(Arguments.of("alg RS256 header over an HS256 signature", TokenForge.b64("{\"typ\":\"JWT\",\"alg\":\"RS256\"}") + "." + p[1] + "." + p[2]));
        cases.add(Arguments.of("alg missing", TokenForge.hs256(TestService.SECRET, "{\"typ\":\"JWT\"}", claims.encode())));
        cases.add(Arguments.of("alg not a string", TokenForge.hs256(TestService.SECRET, "{\"alg\":256}", claims.encode())));
        cases.add(Arguments.of("tampered payload", p[0] + "." + TokenForge.b64(claims.copy().put("sub", "someone-else").encode()) + "." + p[2]));
        cases.add(Arguments.of("tampered signature", p[0] + "." + p[1] + "." + flipLast(p[2])));
        cases.add(Arguments.of("empty signature", p[0] + "." + p[1] + "."));
        cases.add(Arguments.of("signed with another key", TokenForge.hs256("another-secret-that-is-long-enough-!!!", HS256_HEADER, claims.encode())));
        cases.add(Arguments.of("unknown kid", TokenForge.hs256(TestService.SECRET, "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"k9\"}", claims.encode())));
        cases.add(Arguments.of("kid not a string", TokenForge.hs256(TestService.SECRET, "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":7}", claims.encode())));
        for (String claim : CLAIMS) {
            JsonObject without = claims.copy();
            without.remove(claim);
            cases.add(Arguments.of("claim " + claim + " missing", signed.apply(without)));
        }
        cases.add(Arguments.of("iat a string", signed.apply(claims.copy().put("iat", String.valueOf(claims.getLong("iat"))))));
        cases.add(Arguments.of("iat a float", signed.apply(claims.copy().put("iat", claims.getLong("iat") + 0.5))));
        cases.add(Arguments.of("exp null", signed.apply(claims.copy().putNull("exp"))));
        cases.add(Arguments.of("nbf a boolean", signed.apply(claims.copy().put("nbf", true))));
        cases.add(Arguments.of("sub a number", signed.apply(claims.copy().put("sub", 5087717))));
        cases.add(Arguments.of("jti an object", signed.apply(claims.copy().put("jti", new JsonObject()))));
        cases.add(Arguments.of("application_id a string", signed.apply(claims.copy().put("application_id", "15"))));
        cases.add(Arguments.of("session_id a float", signed.apply(claims.copy().put("session_id", 1.25))));
        cases.add(Arguments.of("prv of another subject type", signed.apply(claims.copy().put("prv", "87e0af1ef9fd15812fdec97153a14e0b047546aa"))));
        cases.add(Arguments.of("iss not trusted", signed.apply(claims.copy().put("iss", "https://evil.example/api/customers/login"))));
        cases.add(Arguments.of("iss not a URL", signed.apply(claims.copy().put("iss", "tokens.test"))));
        cases.add(Arguments.of("two segments", p[0] + "." + p[1]));
        cases.add(Arguments.of("four segments", good + "." + p[2]));
        cases.add(Arguments.of("bad base64 in the payload", p[0] + ".%%%" + p[1].substring(3) + "." + p[2]));
        cases.add(Arguments.of("base64 padding", p[0] + "." + p[1] + "==." + p[2]));
        cases.add(Arguments.of("header not JSON", TokenForge.b64("not json") + "." + p[1] + "." + p[2]));
        cases.add(Arguments.of("payload a JSON array", TokenForge.hs256(TestService.SECRET, HS256_HEADER, "[1,2,3]")));
        cases.add(Arguments.of("a 9 KiB token", signed.apply(claims.copy().put("padding", "x".repeat(9 * 1024)))));
        cases.add(Arguments.of("just dots", ".."));
        cases.add(Arguments.of("punctuation garbage", "!!!.???.***"));
        return cases.stream();
    }

    private static String flipLast(String signature) {
        char last = signature.charAt(signature.length() - 1);
        return signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void is_refused_as_token_invalid(String description, String token) {
        HttpResponse<Buffer> response = service.refresh(token);
        assertThat(response.statusCode()).as(description + ": " + response.bodyAsString()).isEqualTo(401);
        assertThat(new JsonObject(response.bodyAsString()).getString("error")).as(description).isEqualTo("token_invalid");
    }

    @Order(2)
    @Test
    void there_are_at_least_thirty_distinct_cases_and_none_consumed_the_session() {
        assertThat(badTokens().map(a -> (String) a.get()[1]).distinct().count()).isGreaterThanOrEqualTo(30);
        HttpResponse<Buffer> response = service.refresh(good);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(DemoData.IVAN_ID.value()).isEqualTo(claims.getString("sub"));
    }
}
