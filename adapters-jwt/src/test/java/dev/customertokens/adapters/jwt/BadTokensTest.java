package dev.customertokens.adapters.jwt;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import static dev.customertokens.adapters.jwt.testing.TokenForge.HEADER;
import static dev.customertokens.adapters.jwt.testing.TokenForge.OTHER_SECRET;
import static dev.customertokens.adapters.jwt.testing.TokenForge.SECRET;
import static dev.customertokens.adapters.jwt.testing.TokenForge.b64;
import static dev.customertokens.adapters.jwt.testing.TokenForge.good;
import static dev.customertokens.adapters.jwt.testing.TokenForge.withHeader;
import static dev.customertokens.adapters.jwt.testing.TokenForge.hs256;
import static dev.customertokens.adapters.jwt.testing.TokenForge.json;
import static dev.customertokens.adapters.jwt.testing.TokenForge.quote;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaims;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaimsWith;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaimsWithout;
import static dev.customertokens.adapters.jwt.testing.TokenForge.signed;
import static dev.customertokens.adapters.jwt.testing.TokenForge.signedSegments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.customertokens.application.port.out.InvalidTokenException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a token can be wrong (CONTRACT 1.4 {@code token_invalid}): each is refused with
 * {@link InvalidTokenException}, and for the reason it was built to show (the message, which is for logs only).
 */
class BadTokensTest {

    private static final String[] NINE =
            {"iss", "iat", "exp", "nbf", "jti", "sub", "prv", "application_id", "session_id"};

    private final JwtTokenCodec codec = TokenForge.codec();

    @Test
    void theUntamperedBaselineVerifies() throws InvalidTokenException {
        // Every case below is a small change of this token; it must itself be good.
        assertThat(codec.verify(good())).isEqualTo(TokenForge.claims());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badTokens")
    void isRefused(String token, String reason) {
        assertThatThrownBy(() -> codec.verify(token))
                .isExactlyInstanceOf(InvalidTokenException.class)
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> badTokens() {
        List<Arguments> cases = new ArrayList<>();
        String good = good();
        String[] segments = good.split("\\.");
        String h = segments[0];
        String p = segments[1];
        String s = segments[2];

        // --- algorithm
        cases.add(bad("alg none, unsigned", b64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + p + ".",
                "signature segment"));
        for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
            cases.add(bad("alg " + none + ", with a signature",
                    withHeader("{\"typ\":\"JWT\",\"alg\":\"" + none + "\"}"), "alg none"));
        }
        cases.add(bad("alg HS512 (HS256 configured), signed HS512 with the right secret",
                signed("{\"typ\":\"JWT\",\"alg\":\"HS512\"}", json(rawClaims()), "HS512", SECRET),
                "not the configured"));
        cases.add(bad("alg HS384 (HS256 configured), signed HS384 with the right secret",
                signed("{\"typ\":\"JWT\",\"alg\":\"HS384\"}", json(rawClaims()), "HS384", SECRET),
                "not the configured"));
        cases.add(bad("alg RS256 with a 256-byte signature",
                b64("{\"typ\":\"JWT\",\"alg\":\"RS256\"}") + "." + p + "." + b64(new byte[256]),
                "not the configured"));
        cases.add(bad("alg hs256 (wrong case)", withHeader("{\"typ\":\"JWT\",\"alg\":\"hs256\"}"), "not the configured"));
        cases.add(bad("alg missing", withHeader("{\"typ\":\"JWT\"}"), "no alg"));
        cases.add(bad("alg a number", withHeader("{\"typ\":\"JWT\",\"alg\":256}"), "alg is not a string"));
        cases.add(bad("alg null", withHeader("{\"typ\":\"JWT\",\"alg\":null}"), "alg is not a string"));
        cases.add(bad("crit header", withHeader("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"crit\":[\"exp\"]}"), "crit"));

        // --- keys and signature
        cases.add(bad("tampered payload (session_id changed after signing)",
                h + "." + b64(json(rawClaimsWith("session_id", "15727"))) + "." + s, "signature does not match"));
        cases.add(bad("tampered signature (first character changed)",
                h + "." + p + "." + (s.charAt(0) == 'A' ? 'B' : 'A') + s.substring(1), "signature does not match"));
        cases.add(bad("signature truncated to 30 bytes", h + "." + p + "." + s.substring(0, 40),
                "signature is 30 bytes long"));
        cases.add(bad("empty signature", h + "." + p + ".", "signature segment"));
        cases.add(bad("signed with another key", signed(HEADER, json(rawClaims()), "HS256", OTHER_SECRET),
                "signature does not match"));
        cases.add(bad("unknown kid", withHeader("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"nope\"}"), "unknown kid"));
        cases.add(bad("kid a number", withHeader("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":1}"), "kid is not a string"));
        cases.add(bad("kid null", withHeader("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":null}"), "kid is not a string"));
        cases.add(bad("kid an object", withHeader("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":{}}"),
                "kid is not a string"));

        // --- claims missing
        for (String claim : NINE) {
            cases.add(bad("claim " + claim + " missing", hs256(rawClaimsWithout(claim)), claim + " is missing"));
        }

        // --- claims of the wrong type
        cases.add(bad("iat a string of digits", hs256(rawClaimsWith("iat", "\"1681304774\"")), "iat is not an integer"));
        cases.add(bad("iat a float 1.5", hs256(rawClaimsWith("iat", "1.5")), "iat is not an integer"));
        cases.add(bad("iat a float 1681304774.0", hs256(rawClaimsWith("iat", "1681304774.0")), "iat is not an integer"));
        cases.add(bad("iat with an exponent", hs256(rawClaimsWith("iat", "1.681304774e9")), "iat is not an integer"));
        cases.add(bad("exp a boolean", hs256(rawClaimsWith("exp", "true")), "exp is not an integer"));
        cases.add(bad("nbf null", hs256(rawClaimsWith("nbf", "null")), "nbf is not an integer"));
        cases.add(bad("application_id a string \"15\"", hs256(rawClaimsWith("application_id", "\"15\"")),
                "application_id is not an integer"));
        cases.add(bad("application_id an array", hs256(rawClaimsWith("application_id", "[15]")),
                "application_id is not an integer"));
        cases.add(bad("session_id above the long range", hs256(rawClaimsWith("session_id", "9223372036854775808")),
                "session_id is out of range"));
        cases.add(bad("session_id below the long range", hs256(rawClaimsWith("session_id", "-9223372036854775809")),
                "session_id is out of range"));
        cases.add(bad("sub a number", hs256(rawClaimsWith("sub", "5087717")), "sub is not a string"));
        cases.add(bad("jti empty", hs256(rawClaimsWith("jti", "\"\"")), "jti is empty"));
        cases.add(bad("prv an array", hs256(rawClaimsWith("prv", "[" + quote(TokenForge.PRV) + "]")),
                "prv is not a string"));
        cases.add(bad("iss an object", hs256(rawClaimsWith("iss", "{}")), "iss is not a string"));
        cases.add(bad("session_id twice", hs256(json(rawClaims()).replace("}", ",\"session_id\":1}")),
                "not valid JSON"));

        // --- subject type and issuer
        cases.add(bad("foreign prv (another subject type)",
                hs256(rawClaimsWith("prv", "\"23bd5c8949f600adb39e701c400872db7a5976f7\"")), "prv is not"));
        cases.add(bad("iss at an untrusted origin",
                hs256(rawClaimsWith("iss", "\"https://evil.example/api/customers/refresh\"")), "not under a trusted"));
        cases.add(bad("iss at the trusted host on another port",
                hs256(rawClaimsWith("iss", "\"http://menu-core.menu:8085/api/customers/refresh\"")),
                "not under a trusted"));
        cases.add(bad("iss with another scheme",
                hs256(rawClaimsWith("iss", "\"https://menu-core.menu:8084/api/customers/refresh\"")),
                "not under a trusted"));
        cases.add(bad("iss not a URL", hs256(rawClaimsWith("iss", "\"menu-core.menu:8084/api/customers/refresh\"")),
                "not under a trusted"));
        cases.add(bad("iss an ftp URL", hs256(rawClaimsWith("iss", "\"ftp://menu-core.menu:8084/x\"")),
                "not under a trusted"));
        cases.add(bad("iss with user information",
                hs256(rawClaimsWith("iss", "\"http://menu-core.menu:8084@evil.example/api/customers/refresh\"")),
                "not under a trusted"));

        // --- form
        cases.add(bad("two segments", h + "." + p, "three"));
        cases.add(bad("four segments", good + "." + s, "three"));
        cases.add(bad("a trailing dot", good + ".", "three"));
        cases.add(bad("a leading dot", "." + good, "three"));
        cases.add(bad("empty header segment", "." + p + "." + s, "header segment"));
        cases.add(bad("empty payload segment", h + ".." + s, "payload segment"));
        cases.add(bad("bad base64: '*' in the payload", h + "." + p.substring(0, 10) + "*" + p.substring(11) + "." + s,
                "payload segment"));
        cases.add(bad("standard base64 '+' in the signature", h + "." + p + ".+" + s.substring(1), "signature segment"));
        cases.add(bad("padding '=' on the signature", h + "." + p + "." + s + "=", "signature segment"));
        cases.add(bad("padded header segment",
                signedSegments(Base64.getUrlEncoder().encodeToString(
                        "{\"typ\":\"JWT\",\"alg\":\"HS256\"} ".getBytes(StandardCharsets.UTF_8)), p, "HS256", SECRET),
                "header segment"));
        cases.add(bad("segment length 1 mod 4", h + "." + p + "." + s + "AA", "signature segment"));
        cases.add(bad("non-canonical base64 (unused bits set)", h + "." + p + "." + withUnusedBitSet(s),
                "signature segment"));
        cases.add(bad("a newline inside", h + "." + p.substring(0, 20) + "\n" + p.substring(20) + "." + s,
                "payload segment"));
        cases.add(bad("a 'Bearer ' prefix", "Bearer " + good, "header segment"));
        cases.add(bad("a surrounding space", " " + good + " ", "header segment"));
        cases.add(bad("header not JSON", withHeader("not json"), "header is not valid JSON"));
        cases.add(bad("header a JSON array", withHeader("[\"HS256\"]"), "header is not a JSON object"));
        cases.add(bad("header a JSON string", withHeader("\"HS256\""), "header is not a JSON object"));
        cases.add(bad("header empty object then another", withHeader(HEADER + "{}"), "content after"));
        cases.add(bad("header in Latin-1, not UTF-8",
                signedSegments(b64("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"x\":\"\u00e9\"}"
                        .getBytes(StandardCharsets.ISO_8859_1)), p, "HS256", SECRET), "not UTF-8"));
        cases.add(bad("header in UTF-16",
                signedSegments(b64(HEADER.getBytes(StandardCharsets.UTF_16)), p, "HS256", SECRET), "header"));
        cases.add(bad("header after a byte-order mark", withHeader("\ufeff" + HEADER), "header is not valid JSON"));
        cases.add(bad("header nested 2000 deep", withHeader("{\"x\":" + "[".repeat(2000) + "]".repeat(2000)
                + ",\"typ\":\"JWT\",\"alg\":\"HS256\"}"), "header is not valid JSON"));
        cases.add(bad("payload a JSON array", hs256("[" + json(rawClaims()) + "]"), "payload is not a JSON object"));
        cases.add(bad("payload a JSON number", hs256("42"), "payload is not a JSON object"));
        cases.add(bad("payload with trailing garbage", hs256(json(rawClaims()) + "x"), "payload is not valid JSON"));
        cases.add(bad("payload binary garbage", signedSegments(h, b64(new byte[] {(byte) 0xff, 0, 1, (byte) 0x80}),
                "HS256", SECRET), "payload is not UTF-8"));

        // --- size and emptiness
        Map<String, String> huge = rawClaimsWith("padding", quote("x".repeat(9 * 1024)));
        cases.add(bad("a 9 KiB token (correctly signed)", hs256(huge), "characters long"));
        cases.add(bad("a 1 MiB token of dots", ".".repeat(1 << 20), "characters long"));
        cases.add(bad("empty string", "", "three"));
        cases.add(bad("whitespace", "   ", "three"));
        cases.add(bad("null", null, "no token"));
        cases.add(bad("binary garbage", "\u0000\u00ff\ud800.\u0001.\uffff", "header segment"));
        return cases.stream();
    }

    private static String withUnusedBitSet(String signature) {
        // 32 bytes -> 43 characters: the last carries 2 unused bits, which a strict decoder wants zero.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = signature.charAt(signature.length() - 1);
        return signature.substring(0, signature.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    }

    private static Arguments bad(String name, String token, String reason) {
        return Arguments.of(named(name, token), reason);
    }
}
