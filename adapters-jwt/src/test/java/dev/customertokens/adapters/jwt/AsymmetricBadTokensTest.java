package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.testing.TokenForge.ORIGIN;
import static dev.customertokens.adapters.jwt.testing.TokenForge.PRV;
import static dev.customertokens.adapters.jwt.testing.TokenForge.SECRET;
import static dev.customertokens.adapters.jwt.testing.TokenForge.b64;
import static dev.customertokens.adapters.jwt.testing.TokenForge.eddsa;
import static dev.customertokens.adapters.jwt.testing.TokenForge.json;
import static dev.customertokens.adapters.jwt.testing.TokenForge.pem;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaims;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaimsWith;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rs256;
import static dev.customertokens.adapters.jwt.testing.TokenForge.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.adapters.jwt.testing.TokenForge.Keys;
import dev.customertokens.application.port.out.InvalidTokenException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile tokens against the asymmetric algorithms (CONTRACT 1.4 {@code token_invalid}, 2.4): algorithm confusion
 * between the families, keys named by the token itself, other keys' ids, signatures of the wrong length. Each is
 * refused with {@link InvalidTokenException} for the reason it was built to show, never anything else.
 */
class AsymmetricBadTokensTest {

    private static final String RETIRED_ED = "ed-2025";
    private static final String RETIRED_HS = "hs-2024";

    /** Signs RS256; an EdDSA key and an HS256 secret are retired but accepted. */
    static final JwtTokenCodec RS = new JwtTokenCodec(JwtSettings.builder()
            .signWith(new SigningKeyPair(PublicVerificationKey.of(null, Keys.RSA.getPublic()), Keys.RSA.getPrivate()))
            .acceptAlso(PublicVerificationKey.of(RETIRED_ED, Keys.OTHER_ED25519.getPublic()))
            .acceptAlso(Hs256Secret.of(RETIRED_HS, SECRET))
            .subjectHash(PRV).trustedIssuers(ORIGIN).build());
    static final String RSA_KID = PublicVerificationKey.of(null, Keys.RSA.getPublic()).kid();

    /** Signs EdDSA, nothing retired. */
    static final JwtTokenCodec ED = new JwtTokenCodec(JwtSettings.builder()
            .signWith(new SigningKeyPair(PublicVerificationKey.of(null, Keys.ED25519.getPublic()),
                    Keys.ED25519.getPrivate()))
            .subjectHash(PRV).trustedIssuers(ORIGIN).build());
    static final String ED_KID = PublicVerificationKey.of(null, Keys.ED25519.getPublic()).kid();

    @Test
    void theBaselinesVerify() throws InvalidTokenException {
        assertThat(RS.verify(rs256(Keys.RSA.getPrivate(), rsHeader(), payload()))).isEqualTo(TokenForge.claims());
        assertThat(RS.verify(eddsa(Keys.OTHER_ED25519.getPrivate(), header("EdDSA", RETIRED_ED), payload())))
                .isEqualTo(TokenForge.claims());
        assertThat(RS.verify(TokenForge.hs256(SECRET, header("HS256", RETIRED_HS), payload())))
                .isEqualTo(TokenForge.claims());
        assertThat(ED.verify(eddsa(Keys.ED25519.getPrivate(), header("EdDSA", ED_KID), payload())))
                .isEqualTo(TokenForge.claims());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostile")
    void isRefused(String name, JwtTokenCodec codec, String token, String reason) {
        assertThatThrownBy(() -> codec.verify(token))
                .isExactlyInstanceOf(InvalidTokenException.class)
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> hostile() {
        List<Arguments> cases = new ArrayList<>();
        String p = payload();
        RSAPublicKey rsa = (RSAPublicKey) Keys.RSA.getPublic();
        byte[] rsaPem = pem(Keys.RSA.getPublic()).getBytes(StandardCharsets.US_ASCII);
        byte[] rsaDer = Keys.RSA.getPublic().getEncoded();
        byte[] edDer = Keys.ED25519.getPublic().getEncoded();
        byte[] edX = Arrays.copyOfRange(edDer, 12, 44);
        String good = rs256(Keys.RSA.getPrivate(), rsHeader(), p);
        String[] g = good.split("\\.");
        String signingInput = g[0] + "." + g[1];
        byte[] sig = TokenForge.unb64(g[2]);

        // --- alg switched between the families: public keys used as HMAC secrets
        add(cases, "HS256 with the RSA public key PEM as secret, naming the RSA key", RS,
                hmac(rsaPem, header("HS256", RSA_KID), p), "not the configured RS256");
        add(cases, "HS256 with the RSA public key DER as secret, naming the RSA key", RS,
                hmac(rsaDer, header("HS256", RSA_KID), p), "not the configured RS256");
        add(cases, "HS256 with the RSA modulus as secret, naming the RSA key", RS,
                hmac(rsa.getModulus().toByteArray(), header("HS256", RSA_KID), p), "not the configured RS256");
        add(cases, "HS256 with the RSA public key PEM as secret, no kid", RS,
                hmac(rsaPem, "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", p), "no kid");
        add(cases, "HS256 with the retired Ed25519 key's DER as secret, naming it", RS,
                hmac(Keys.OTHER_ED25519.getPublic().getEncoded(), header("HS256", RETIRED_ED), p),
                "not the configured EdDSA");
        add(cases, "HS256 with the Ed25519 key's x as secret, naming it", ED,
                hmac(edX, header("HS256", ED_KID), p), "not the configured EdDSA");
        add(cases, "HS256 with the Ed25519 key's DER as secret, no kid", ED,
                hmac(edDer, "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", p), "no kid");
        add(cases, "HS256 with the JWKS document as secret, naming the RSA key", RS,
                hmac(RS.jwks().getBytes(StandardCharsets.UTF_8), header("HS256", RSA_KID), p), "not the configured");

        // --- the other asymmetric family, or another algorithm, under a key's id
        add(cases, "EdDSA token under the RS256 configuration, naming the RSA key", RS,
                eddsa(Keys.ED25519.getPrivate(), header("EdDSA", RSA_KID), p), "not the configured RS256");
        add(cases, "EdDSA token without kid under the RS256 configuration", RS,
                eddsa(Keys.ED25519.getPrivate(), "{\"typ\":\"JWT\",\"alg\":\"EdDSA\"}", p), "no kid");
        add(cases, "EdDSA token without kid under the EdDSA configuration", ED,
                eddsa(Keys.ED25519.getPrivate(), "{\"typ\":\"JWT\",\"alg\":\"EdDSA\"}", p), "no kid");
        add(cases, "RS256 token naming the retired EdDSA key", RS,
                rs256(Keys.RSA.getPrivate(), header("RS256", RETIRED_ED), p), "not the configured EdDSA");
        add(cases, "RS256 token naming the retired HS256 key", RS,
                rs256(Keys.RSA.getPrivate(), header("RS256", RETIRED_HS), p), "not the configured HS256");
        add(cases, "RS256 token under the EdDSA configuration, naming the Ed25519 key", ED,
                rs256(Keys.RSA.getPrivate(), header("RS256", ED_KID), p), "not the configured EdDSA");
        add(cases, "ES256 token naming the RSA key", RS,
                TokenForge.withSignature("SHA256withECDSA", Keys.EC_P256.getPrivate(),
                        b64(header("ES256", RSA_KID)) + "." + b64(p)), "not the configured RS256");
        add(cases, "Ed448 signature under alg EdDSA naming the Ed25519 key", ED,
                eddsa(Keys.ED448.getPrivate(), header("EdDSA", ED_KID), p), "bytes long");
        add(cases, "alg Ed25519 (the fully-specified name) naming the Ed25519 key", ED,
                eddsa(Keys.ED25519.getPrivate(), header("Ed25519", ED_KID), p), "not the configured EdDSA");
        add(cases, "alg EDDSA (wrong case)", ED, eddsa(Keys.ED25519.getPrivate(), header("EDDSA", ED_KID), p),
                "not the configured EdDSA");
        add(cases, "alg rs256 (wrong case)", RS, rs256(Keys.RSA.getPrivate(), header("rs256", RSA_KID), p),
                "not the configured RS256");
        add(cases, "alg RS512 naming the RSA key", RS, rs256(Keys.RSA.getPrivate(), header("RS512", RSA_KID), p),
                "not the configured RS256");
        add(cases, "alg PS256 naming the RSA key", RS, rs256(Keys.RSA.getPrivate(), header("PS256", RSA_KID), p),
                "not the configured RS256");
        add(cases, "alg none naming the RSA key, unsigned", RS, b64(header("none", RSA_KID)) + "." + b64(p) + ".",
                "signature segment");
        add(cases, "alg none naming the RSA key, with the RSA signature", RS,
                b64(header("none", RSA_KID)) + "." + b64(p) + "." + g[2], "alg none");

        // --- a kid of another key
        add(cases, "signed by another RSA key, naming it by its thumbprint", RS,
                rs256(Keys.OTHER_RSA.getPrivate(), header("RS256", PublicVerificationKey.of(null, Keys.OTHER_RSA.getPublic())
                        .kid()), p), "unknown kid");
        add(cases, "signed by another RSA key, naming the configured one", RS,
                rs256(Keys.OTHER_RSA.getPrivate(), rsHeader(), p), "signature does not match");
        add(cases, "signed by the retired Ed25519 key, naming the signing Ed25519 key", ED,
                eddsa(Keys.OTHER_ED25519.getPrivate(), header("EdDSA", ED_KID), p), "signature does not match");
        add(cases, "signed by the signing Ed25519 key, naming a retired key of the other configuration", RS,
                eddsa(Keys.ED25519.getPrivate(), header("EdDSA", RETIRED_ED), p), "signature does not match");
        add(cases, "signed by another Ed25519 key, naming it by its thumbprint", ED,
                eddsa(Keys.OTHER_ED25519.getPrivate(), header("EdDSA", PublicVerificationKey.of(null,
                        Keys.OTHER_ED25519.getPublic()).kid()), p), "unknown kid");
        add(cases, "kid of the RSA key with another key's thumbprint spelling (case changed)", RS,
                rs256(Keys.RSA.getPrivate(), header("RS256", RSA_KID.toUpperCase()), p), "unknown kid");
        add(cases, "kid a path", RS, rs256(Keys.RSA.getPrivate(), header("RS256", "../../../../etc/passwd"), p),
                "unknown kid");
        add(cases, "kid an SQL injection", RS, rs256(Keys.RSA.getPrivate(), header("RS256", "x' OR '1'='1"), p),
                "unknown kid");
        add(cases, "kid empty", RS, rs256(Keys.RSA.getPrivate(), header("RS256", ""), p), "unknown kid");
        add(cases, "kid of 3000 characters", RS, rs256(Keys.RSA.getPrivate(), header("RS256", "k".repeat(3000)), p),
                "unknown kid");
        add(cases, "kid an array holding the right id", RS, rs256(Keys.RSA.getPrivate(),
                "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":[" + quote(RSA_KID) + "]}", p), "kid is not a string");
        add(cases, "kid twice, the second the right one", RS, rs256(Keys.RSA.getPrivate(),
                "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"nope\",\"kid\":" + quote(RSA_KID) + "}", p),
                "not valid JSON");
        add(cases, "alg twice, HS256 then RS256", RS, rs256(Keys.RSA.getPrivate(),
                "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"alg\":\"RS256\",\"kid\":" + quote(RSA_KID) + "}", p),
                "not valid JSON");

        // --- header injection: the token names its own key or extensions
        String attackerJwk = "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" + b64(unsigned(((RSAPublicKey)
                Keys.OTHER_RSA.getPublic()).getModulus())) + "\"}";
        add(cases, "jwk header with the attacker's RSA key, signed by it", RS, rs256(Keys.OTHER_RSA.getPrivate(),
                "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":" + quote(RSA_KID) + ",\"jwk\":" + attackerJwk + "}", p),
                "header has jwk");
        add(cases, "jwk header with a 4096-bit key, signed by it", RS, rs256(Keys.RSA_4096.getPrivate(),
                "{\"alg\":\"RS256\",\"jwk\":{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" + b64(unsigned(((RSAPublicKey)
                        Keys.RSA_4096.getPublic()).getModulus())) + "\"}}", p), "header has jwk");
        add(cases, "jwk header with an oversized key (over 8 KiB in all)", RS, rs256(Keys.RSA.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":" + quote(RSA_KID) + ",\"jwk\":{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\""
                        + b64(new byte[6000]) + "\"}}", p), "characters long");
        add(cases, "jwk header with an Ed25519 key, signed by it", ED, eddsa(Keys.OTHER_ED25519.getPrivate(),
                "{\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + b64(Arrays.copyOfRange(
                        Keys.OTHER_ED25519.getPublic().getEncoded(), 12, 44)) + "\"}}", p), "header has jwk");
        add(cases, "jku header", RS, rs256(Keys.RSA.getPrivate(), "{\"alg\":\"RS256\",\"kid\":" + quote(RSA_KID)
                + ",\"jku\":\"https://evil.example/jwks.json\"}", p), "header has jku");
        add(cases, "x5u header", RS, rs256(Keys.RSA.getPrivate(), "{\"alg\":\"RS256\",\"kid\":" + quote(RSA_KID)
                + ",\"x5u\":\"https://evil.example/cert.pem\"}", p), "header has x5u");
        add(cases, "x5c header", RS, rs256(Keys.RSA.getPrivate(), "{\"alg\":\"RS256\",\"kid\":" + quote(RSA_KID)
                + ",\"x5c\":[\"" + java.util.Base64.getEncoder().encodeToString(rsaDer) + "\"]}", p), "header has x5c");
        add(cases, "crit b64 with unencoded payload", RS, rs256(Keys.RSA.getPrivate(), "{\"alg\":\"RS256\",\"kid\":"
                + quote(RSA_KID) + ",\"b64\":false,\"crit\":[\"b64\"]}", p), "crit");
        add(cases, "header injection through an escaped quote in kid", RS, rs256(Keys.RSA.getPrivate(),
                "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"x\\\",\\\"alg\\\":\\\"none\"}", p), "unknown kid");
        add(cases, "a second JSON object after the header", RS, rs256(Keys.RSA.getPrivate(), rsHeader()
                + "{\"alg\":\"none\"}", p), "content after");

        // --- signatures of the wrong length or value
        add(cases, "RS256 signature one byte short", RS, signingInput + "." + b64(Arrays.copyOf(sig, sig.length - 1)),
                "signature is 255 bytes long");
        add(cases, "RS256 signature one byte long", RS, signingInput + "." + b64(Arrays.copyOf(sig, sig.length + 1)),
                "signature is 257 bytes long");
        add(cases, "RS256 signature of a 4096-bit key", RS, rs256(Keys.RSA_4096.getPrivate(), rsHeader(), p),
                "signature is 512 bytes long");
        add(cases, "RS256 signature of an HMAC's length", RS, signingInput + "." + b64(new byte[32]),
                "signature is 32 bytes long");
        add(cases, "RS256 signature of zeros", RS, signingInput + "." + b64(new byte[256]), "signature does not match");
        add(cases, "RS256 signature equal to the modulus", RS, signingInput + "." + b64(unsigned(rsa.getModulus())),
                "signature does not match");
        byte[] ones = new byte[256];
        Arrays.fill(ones, (byte) 0xff);
        add(cases, "RS256 signature above the modulus", RS, signingInput + "." + b64(ones), "signature does not match");
        add(cases, "RS256 signature with its last bit flipped", RS, signingInput + "." + b64(flipLastBit(sig)),
                "signature does not match");
        add(cases, "RS256 signature over a tampered payload", RS, g[0] + "." + b64(json(rawClaimsWith("session_id",
                "1"))) + "." + g[2], "signature does not match");
        String edGood = eddsa(Keys.ED25519.getPrivate(), header("EdDSA", ED_KID), p);
        String[] e = edGood.split("\\.");
        byte[] edSig = TokenForge.unb64(e[2]);
        add(cases, "EdDSA signature of 63 bytes", ED, e[0] + "." + e[1] + "." + b64(Arrays.copyOf(edSig, 63)),
                "signature is 63 bytes long");
        add(cases, "EdDSA signature of 65 bytes", ED, e[0] + "." + e[1] + "." + b64(Arrays.copyOf(edSig, 65)),
                "signature is 65 bytes long");
        add(cases, "EdDSA signature of an RSA signature's length", ED, e[0] + "." + e[1] + "." + b64(sig),
                "signature is 256 bytes long");
        add(cases, "EdDSA signature of zeros", ED, e[0] + "." + e[1] + "." + b64(new byte[64]),
                "signature does not match");
        byte[] edOnes = new byte[64];
        Arrays.fill(edOnes, (byte) 0xff);
        add(cases, "EdDSA signature with S out of range", ED, e[0] + "." + e[1] + "." + b64(edOnes),
                "signature does not match");
        add(cases, "EdDSA signature with its last bit flipped", ED, e[0] + "." + e[1] + "." + b64(flipLastBit(edSig)),
                "signature does not match");
        add(cases, "EdDSA signature over a tampered payload", ED, e[0] + "." + b64(json(rawClaimsWith("sub",
                quote("someone-else")))) + "." + e[2], "signature does not match");
        add(cases, "EdDSA signature under the RS256 header", RS, g[0] + "." + g[1] + "." + b64(edSig),
                "signature is 64 bytes long");
        return cases.stream();
    }

    private static String payload() {
        return json(rawClaims());
    }

    private static String rsHeader() {
        return header("RS256", RSA_KID);
    }

    private static String header(String alg, String kid) {
        return "{\"typ\":\"JWT\",\"alg\":" + quote(alg) + ",\"kid\":" + quote(kid) + "}";
    }

    private static String hmac(byte[] secret, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + b64(TokenForge.hmac("HS256", secret, input));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] flipLastBit(byte[] signature) {
        byte[] copy = signature.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static void add(List<Arguments> cases, String name, JwtTokenCodec codec, String token, String reason) {
        cases.add(Arguments.of(named(name, name), codec, token, reason));
    }
}
