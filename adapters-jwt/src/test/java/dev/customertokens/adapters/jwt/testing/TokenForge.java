package dev.customertokens.adapters.jwt.testing;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.JwtTokenCodec;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.domain.TokenClaims;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one token forge of the project's tests (shipped in adapters-jwt's test-jar): builds tokens, right or wrong,
 * independently of the codec (the JDK's {@link Mac} and {@link Signature}, hand-written JSON), so that tests check
 * the codec against the JWS format rather than against itself. Also the test keys, and PEM files of them.
 */
public final class TokenForge {

    public static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    public static final String OTHER_SECRET = "fedcba9876543210fedcba9876543210-other";
    public static final String ORIGIN = "http://menu-core.menu:8084";
    public static final String ISS = ORIGIN + "/api/customers/refresh";
    public static final String PRV = DemoData.SEED_SUBJECT_HASH;
    public static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TokenForge() {
    }

    // ------------------------------------------------------------------------------------------- test keys

    /** Generated once per test JVM: RSA key generation takes a while. */
    public static final class Keys {
        public static final KeyPair RSA = generate("RSA", 2048);
        public static final KeyPair OTHER_RSA = generate("RSA", 2048);
        public static final KeyPair RSA_4096 = generate("RSA", 4096);
        public static final KeyPair WEAK_RSA = generate("RSA", 1024);
        public static final KeyPair ED25519 = generate("Ed25519", 0);
        public static final KeyPair OTHER_ED25519 = generate("Ed25519", 0);
        public static final KeyPair ED448 = generate("Ed448", 0);
        public static final KeyPair EC_P256 = generate("EC", 256);

        private Keys() {
        }

        private static KeyPair generate(String algorithm, int bits) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
                if (algorithm.equals("EC")) {
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                } else if (bits > 0) {
                    generator.initialize(bits);
                }
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The PEM text openssl writes: {@code PRIVATE KEY} (PKCS#8) or {@code PUBLIC KEY} (X.509 SPKI). */
    public static String pem(Key key) {
        String label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END " + label + "-----\n";
    }

    public static Path writePem(Path file, Key key) {
        try {
            return Files.writeString(file, pem(key), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- claims

    /** The seed's token's claims, refreshed at our origin for the seed's demo customer. */
    public static TokenClaims claims() {
        return new TokenClaims(ISS, 1681304774L, 1681304774L, 1681391174L, "P2mVouzoxg6bAZEm",
                DemoData.IVAN_ID.value(), PRV, 15L, 15726L);
    }

    public static JwtSettings settings() {
        return JwtSettings.hs256(SECRET, PRV, Set.of(ORIGIN));
    }

    public static JwtTokenCodec codec() {
        return new JwtTokenCodec(settings());
    }

    /** Claim name to its raw JSON text, in the seed's order; edit the map to make a bad payload. */
    public static Map<String, String> rawClaims() {
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

    public static Map<String, String> rawClaimsWith(String name, String rawValue) {
        Map<String, String> raw = rawClaims();
        raw.put(name, rawValue);
        return raw;
    }

    public static Map<String, String> rawClaimsWithout(String name) {
        Map<String, String> raw = rawClaims();
        raw.remove(name);
        return raw;
    }

    public static String json(Map<String, String> raw) {
        return raw.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------------------------------- segments

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    public static byte[] unb64(String segment) {
        return Base64.getUrlDecoder().decode(segment);
    }

    /** The header of a token, decoded. */
    public static JsonObject headerOf(String token) {
        return new JsonObject(new String(unb64(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    /** The payload of a token, decoded. */
    public static JsonObject payloadOf(String token) {
        return new JsonObject(new String(unb64(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------- HMAC

    /** {@code header.payload.signature} with an HMAC of {@code algorithm} ("HS256", ...) under {@code secret}. */
    public static String signed(String headerJson, String payloadJson, String algorithm, String secret) {
        return signedSegments(b64(headerJson), b64(payloadJson), algorithm, secret);
    }

    public static String signedSegments(String headerSegment, String payloadSegment, String algorithm, String secret) {
        String input = headerSegment + "." + payloadSegment;
        return input + "." + b64(hmac(algorithm, secret.getBytes(StandardCharsets.UTF_8), input));
    }

    public static byte[] hmac(String algorithm, byte[] secret, String input) {
        String macName = "Hmac" + algorithm.replace("HS", "SHA");
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(secret, macName));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 under {@code secret}. */
    public static String hs256(String secret, String headerJson, String payloadJson) {
        return signed(headerJson, payloadJson, "HS256", secret);
    }

    /** HS512 under {@code secret}. */
    public static String hs512(String secret, String headerJson, String payloadJson) {
        return signed(headerJson, payloadJson, "HS512", secret);
    }

    /** A token as the service signs it by default: the seed's header, HS256 under {@code secret}. */
    public static String valid(String secret, JsonObject payload) {
        return hs256(secret, HEADER, payload.encode());
    }

    /** HS256 under {@link #SECRET} with the seed's header. */
    public static String hs256(String payloadJson) {
        return signed(HEADER, payloadJson, "HS256", SECRET);
    }

    public static String hs256(Map<String, String> rawClaims) {
        return hs256(json(rawClaims));
    }

    /** The good claims under {@code headerJson}, HS256 under {@link #SECRET}. */
    public static String withHeader(String headerJson) {
        return signed(headerJson, json(rawClaims()), "HS256", SECRET);
    }

    public static String good() {
        return hs256(rawClaims());
    }

    // ------------------------------------------------------------------------------------------- RS256, EdDSA

    /** RS256 (SHA256withRSA) under {@code key}, whatever the header says. */
    public static String rs256(PrivateKey key, String headerJson, String payloadJson) {
        return withSignature("SHA256withRSA", key, b64(headerJson) + "." + b64(payloadJson));
    }

    /** EdDSA (Ed25519, or Ed448 for an Ed448 key) under {@code key}, whatever the header says. */
    public static String eddsa(PrivateKey key, String headerJson, String payloadJson) {
        return withSignature(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "EdDSA", key,
                b64(headerJson) + "." + b64(payloadJson));
    }

    /** {@code signingInput.signature} with a JDK signature algorithm ("SHA256withRSA", "Ed25519", ...). */
    public static String withSignature(String jcaAlgorithm, PrivateKey key, String signingInput) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
