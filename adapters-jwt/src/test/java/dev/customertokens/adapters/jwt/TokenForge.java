package dev.customertokens.adapters.jwt;

import dev.customertokens.application.testing.DemoData;
import dev.customertokens.domain.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds tokens independently of the codec (plain {@link Mac}, hand-written JSON), so that tests check the codec
 * against the JWS format rather than against itself.
 */
final class TokenForge {

    static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    static final String OTHER_SECRET = "fedcba9876543210fedcba9876543210-other";
    static final String ORIGIN = "http://menu-core.menu:8084";
    static final String ISS = ORIGIN + "/api/customers/refresh";
    static final String PRV = DemoData.SEED_SUBJECT_HASH;
    static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";

    private TokenForge() {
    }

    /** The seed's token's claims, refreshed at our origin for the seed's demo customer. */
    static TokenClaims claims() {
        return new TokenClaims(ISS, 1681304774L, 1681304774L, 1681391174L, "P2mVouzoxg6bAZEm",
                DemoData.IVAN_ID.value(), PRV, 15L, 15726L);
    }

    static JwtSettings settings() {
        return JwtSettings.hs256(SECRET, PRV, Set.of(ORIGIN));
    }

    static JwtTokenCodec codec() {
        return new JwtTokenCodec(settings());
    }

    /** Claim name to its raw JSON text, in the seed's order; edit the map to make a bad payload. */
    static Map<String, String> rawClaims() {
        TokenClaims c = claims();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("iss", quote(c.iss()));
        raw.put("iat", Long.toString(c.iat()));
        raw.put("exp", Long.toString(c.exp()));
        raw.put("nbf", Long.toString(c.nbf()));
        raw.put("jti", quote(c.jti()));
        raw.put("sub", quote(c.sub()));
        raw.put("prv", quote(c.prv()));
        raw.put("application_id", Long.toString(c.applicationId()));
        raw.put("session_id", Long.toString(c.sessionId()));
        return raw;
    }

    static Map<String, String> rawClaimsWith(String name, String rawValue) {
        Map<String, String> raw = rawClaims();
        raw.put(name, rawValue);
        return raw;
    }

    static Map<String, String> rawClaimsWithout(String name) {
        Map<String, String> raw = rawClaims();
        raw.remove(name);
        return raw;
    }

    static String json(Map<String, String> raw) {
        return raw.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String segment) {
        return Base64.getUrlDecoder().decode(segment);
    }

    /** {@code header.payload.signature} with an HMAC of {@code algorithm} ("HS256", ...) under {@code secret}. */
    static String signed(String headerJson, String payloadJson, String algorithm, String secret) {
        return signedSegments(b64(headerJson), b64(payloadJson), algorithm, secret);
    }

    static String signedSegments(String headerSegment, String payloadSegment, String algorithm, String secret) {
        String input = headerSegment + "." + payloadSegment;
        return input + "." + b64(hmac(algorithm, secret, input));
    }

    static byte[] hmac(String algorithm, String secret, String input) {
        String macName = "Hmac" + algorithm.replace("HS", "SHA");
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macName));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 under {@link #SECRET} with the seed's header. */
    static String hs256(String payloadJson) {
        return signed(HEADER, payloadJson, "HS256", SECRET);
    }

    static String hs256(Map<String, String> rawClaims) {
        return hs256(json(rawClaims));
    }

    static String header(String headerJson) {
        return signed(headerJson, json(rawClaims()), "HS256", SECRET);
    }

    static String good() {
        return hs256(rawClaims());
    }
}
