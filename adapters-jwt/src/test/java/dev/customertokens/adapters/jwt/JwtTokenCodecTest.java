package dev.customertokens.adapters.jwt;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import static dev.customertokens.adapters.jwt.testing.TokenForge.HEADER;
import static dev.customertokens.adapters.jwt.testing.TokenForge.ORIGIN;
import static dev.customertokens.adapters.jwt.testing.TokenForge.PRV;
import static dev.customertokens.adapters.jwt.testing.TokenForge.SECRET;
import static dev.customertokens.adapters.jwt.testing.TokenForge.claims;
import static dev.customertokens.adapters.jwt.testing.TokenForge.hs256;
import static dev.customertokens.adapters.jwt.testing.TokenForge.json;
import static dev.customertokens.adapters.jwt.testing.TokenForge.quote;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaims;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaimsWith;
import static dev.customertokens.adapters.jwt.testing.TokenForge.signed;
import static dev.customertokens.adapters.jwt.testing.TokenForge.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.domain.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTokenCodecTest {

    private final JwtTokenCodec codec = TokenForge.codec();

    @Test
    void aSignedTokenVerifiesToEveryClaimItWasSignedWith() throws InvalidTokenException {
        TokenClaims claims = new TokenClaims(ORIGIN + "/api/customers/login", 1_700_000_000L, 1_700_000_123L,
                1_700_086_523L, "jti-\u00e9\"\\/\n-\u2603", "0da5a3f0-a354-4c04-8438-f1389c19a3f7", PRV,
                Long.MAX_VALUE, Long.MIN_VALUE);

        assertThat(codec.verify(codec.sign(claims))).isEqualTo(claims);
    }

    @Test
    void theHeaderIsExactlyTheSeeds() {
        String token = codec.sign(claims());

        assertThat(new String(unb64(token.split("\\.")[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    }

    @Test
    void thePayloadIsExactlyTheNineClaimsInTheSeedsOrderWithIntegersAsNumbers() {
        String token = codec.sign(claims());

        assertThat(new String(unb64(token.split("\\.")[1]), StandardCharsets.UTF_8)).isEqualTo(
                "{\"iss\":\"http://menu-core.menu:8084/api/customers/refresh\",\"iat\":1681304774,"
                        + "\"exp\":1681391174,\"nbf\":1681304774,\"jti\":\"P2mVouzoxg6bAZEm\","
                        + "\"sub\":\"0da5a3f0-a354-4c04-8438-f1389c19a3f7\","
                        + "\"prv\":\"cc32921a15480a117d9bbc72c0e1256a6852458b\",\"application_id\":15,"
                        + "\"session_id\":15726}");
    }

    @Test
    void theSignatureIsAPlainHmacSha256OfTheFirstTwoSegmentsUnderTheSecretsUtf8Bytes() {
        String token = codec.sign(claims());
        int lastDot = token.lastIndexOf('.');

        assertThat(unb64(token.substring(lastDot + 1)))
                .isEqualTo(TokenForge.hmac("HS256", SECRET.getBytes(StandardCharsets.UTF_8), token.substring(0, lastDot)));
    }

    @Test
    void verifiesATokenShapedLikeTheSeedsSignedElsewhere() throws InvalidTokenException {
        // The seed's own payload, byte for byte (its issuer's origin trusted, its secret ours).
        String seedPayload = "{\"iss\":\"http://menu-core.menu:8084/api/customers/social-sign-up\","
                + "\"iat\":1681304774,\"exp\":1681391174,\"nbf\":1681304774,\"jti\":\"P2mVouzoxg6bAZEm\","
                + "\"sub\":\"5087717\",\"prv\":\"cc32921a15480a117d9bbc72c0e1256a6852458b\",\"application_id\":15,"
                + "\"session_id\":15726}";

        assertThat(codec.verify(hs256(seedPayload))).isEqualTo(new TokenClaims(
                "http://menu-core.menu:8084/api/customers/social-sign-up", 1681304774L, 1681304774L, 1681391174L,
                "P2mVouzoxg6bAZEm", "5087717", PRV, 15L, 15726L));
    }

    @Test
    void ignoresClaimsBeyondTheNineAndHeaderMembersItDoesNotUse() throws InvalidTokenException {
        Map<String, String> raw = rawClaims();
        raw.put("aud", "[\"x\",{\"y\":[1.5,null,true]}]");
        raw.put("scope", "\"everything\"");
        String token = signed("{\"alg\":\"HS256\",\"x5t\":\"bm90LWEta2V5\",\"cty\":{\"a\":[]}}",
                json(raw), "HS256", SECRET);

        assertThat(codec.verify(token)).isEqualTo(claims());
    }

    @Test
    void doesNotCheckTimesSinceExpiredTokensStayRefreshable() throws InvalidTokenException {
        Map<String, String> raw = rawClaimsWith("exp", "0");
        raw.put("nbf", "9223372036854775807");
        raw.put("iat", "-1");

        TokenClaims verified = codec.verify(hs256(raw));

        assertThat(verified.exp()).isZero();
        assertThat(verified.nbf()).isEqualTo(Long.MAX_VALUE);
        assertThat(verified.iat()).isEqualTo(-1L);
    }

    @Test
    void acceptsATokenOfExactly8KiBAndRefusesOneCharacterMore() throws InvalidTokenException {
        String atLimit = tokenOfLength(JwtTokenCodec.MAX_TOKEN_LENGTH);
        String overLimit = tokenOfLength(JwtTokenCodec.MAX_TOKEN_LENGTH + 1);

        assertThat(codec.verify(atLimit)).isEqualTo(claims());
        assertThatThrownBy(() -> codec.verify(overLimit))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("characters long");
    }

    private static String tokenOfLength(int length) {
        for (int padding = 0; padding < length; padding++) {
            String token = hs256(rawClaimsWith("padding", quote("p".repeat(padding))));
            if (token.length() == length) {
                return token;
            }
            if (token.length() > length) {
                break;
            }
        }
        return fail("no correctly signed token is exactly %d characters long", length);
    }

    @Test
    void comparesIssuerOriginsInNormalForm() throws InvalidTokenException {
        JwtTokenCodec codec = new JwtTokenCodec(
                JwtSettings.hs256(SECRET, PRV, Set.of("HTTPS://API.Example.COM:443", "http://localhost:8080/")));

        for (String iss : List.of("https://api.example.com/api/customers/refresh",
                "HTTPS://api.EXAMPLE.com:443/api/customers/login", "https://api.example.com",
                "http://LocalHost:8080/api/customers/refresh")) {
            assertThat(codec.verify(hs256(rawClaimsWith("iss", quote(iss)))).iss()).isEqualTo(iss);
        }
        assertThatThrownBy(() -> codec.verify(hs256(rawClaimsWith("iss", quote("http://api.example.com/x")))))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> codec.verify(hs256(rawClaimsWith("iss", quote("http://localhost/x")))))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesToSignWhatItWouldRefuseToVerify() {
        TokenClaims c = claims();

        assertThatThrownBy(() -> codec.sign(new TokenClaims(c.iss(), c.iat(), c.nbf(), c.exp(), c.jti(), c.sub(),
                "another-subject-type", c.applicationId(), c.sessionId())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prv");
        assertThatThrownBy(() -> codec.sign(new TokenClaims("https://elsewhere.example/api/customers/refresh",
                c.iat(), c.nbf(), c.exp(), c.jti(), c.sub(), c.prv(), c.applicationId(), c.sessionId())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> codec.sign(new TokenClaims(c.iss(), c.iat(), c.nbf(), c.exp(), "", c.sub(),
                c.prv(), c.applicationId(), c.sessionId())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.sign(new TokenClaims(c.iss(), c.iat(), c.nbf(), c.exp(), c.jti(),
                "s".repeat(7000), c.prv(), c.applicationId(), c.sessionId())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8192");
    }

    @Test
    void everySingleCharacterChangeOfAGoodTokenIsRefused() {
        String good = codec.sign(claims());
        char[] replacements = {'A', 'B', 'g', 'Q', '-', '_', '.', '=', '+', ' ', '\u00e9'};
        int refused = 0;
        for (int i = 0; i < good.length(); i++) {
            for (char replacement : replacements) {
                if (good.charAt(i) == replacement) {
                    continue;
                }
                String changed = good.substring(0, i) + replacement + good.substring(i + 1);
                assertThatThrownBy(() -> codec.verify(changed))
                        .as("changing position %d to '%s'", i, replacement)
                        .isExactlyInstanceOf(InvalidTokenException.class);
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(good.length() * 9);
    }

    @Test
    void randomInputOnlyEverFailsWithInvalidTokenException() {
        Random random = new Random(20240601L);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"";
        for (int round = 0; round < 3000; round++) {
            String token;
            switch (round % 3) {
                case 0 -> { // random characters, many of them base64url and dots
                    StringBuilder sb = new StringBuilder();
                    int length = random.nextInt(600);
                    for (int i = 0; i < length; i++) {
                        sb.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x10000)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    token = sb.toString();
                }
                case 1 -> { // random bytes as header and payload, correctly encoded and signed
                    token = TokenForge.signedSegments(TokenForge.b64(bytes(random)), TokenForge.b64(bytes(random)),
                            "HS256", SECRET);
                }
                default -> { // the right header, random bytes as a correctly signed payload
                    token = TokenForge.signedSegments(TokenForge.b64(HEADER), TokenForge.b64(bytes(random)),
                            "HS256", SECRET);
                }
            }
            String input = token;
            assertThatThrownBy(() -> codec.verify(input)).isExactlyInstanceOf(InvalidTokenException.class);
        }
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 2 && random.nextBoolean()) {
            bytes[0] = '{'; // get past the first character more often
        }
        return bytes;
    }

    @Test
    void oneInstanceServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long thread = t;
                tasks.add(() -> {
                    long verified = 0;
                    for (int i = 0; i < 2_000; i++) {
                        TokenClaims c = claims();
                        TokenClaims mine = new TokenClaims(c.iss(), c.iat(), c.nbf(), c.exp(), "jti-" + thread + "-" + i,
                                c.sub(), c.prv(), thread, i);
                        if (codec.verify(codec.sign(mine)).equals(mine)) {
                            verified++;
                        }
                    }
                    return verified;
                });
            }
            long total = 0;
            for (Future<Long> result : pool.invokeAll(tasks)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(8 * 2_000);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
