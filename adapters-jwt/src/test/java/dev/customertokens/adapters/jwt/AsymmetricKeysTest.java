package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.testing.TokenForge.ORIGIN;
import static dev.customertokens.adapters.jwt.testing.TokenForge.PRV;
import static dev.customertokens.adapters.jwt.testing.TokenForge.SECRET;
import static dev.customertokens.adapters.jwt.testing.TokenForge.claims;
import static dev.customertokens.adapters.jwt.testing.TokenForge.json;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.adapters.jwt.testing.TokenForge.Keys;
import dev.customertokens.application.port.out.InvalidTokenException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RS256 and EdDSA signing keys, retired keys of both families, and the JWKS (CONTRACT 2.4). */
class AsymmetricKeysTest {

    private static SigningKeyPair pair(KeyPair keys, String kid) {
        return new SigningKeyPair(PublicVerificationKey.of(kid, keys.getPublic()), keys.getPrivate());
    }

    private static JwtTokenCodec codec(SigningKeyPair signing, List<PublicVerificationKey> retired, List<Hs256Secret> secrets) {
        return new JwtTokenCodec(asymmetric(signing, retired, secrets));
    }

    /** Signs with {@code signing}; the retired keys of either family stay accepted. */
    private static JwtSettings asymmetric(SigningKeyPair signing, List<PublicVerificationKey> retired,
                                          List<Hs256Secret> secrets) {
        JwtSettings.Builder settings = JwtSettings.builder().signWith(signing).subjectHash(PRV).trustedIssuers(ORIGIN);
        retired.forEach(settings::acceptAlso);
        secrets.forEach(settings::acceptAlso);
        return settings.build();
    }

    private static KeyPair keys(String algorithm) {
        return algorithm.equals("RS256") ? Keys.RSA : Keys.ED25519;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "EdDSA"})
    void signsWithTheKeysAlgorithmAndThumbprintAndVerifiesWhatItSigned(String algorithm) throws Exception {
        SigningKeyPair signing = pair(keys(algorithm), null);
        JwtTokenCodec codec = codec(signing, List.of(), List.of());

        String token = codec.sign(claims());

        assertThat(TokenForge.headerOf(token).encode())
                .isEqualTo("{\"typ\":\"JWT\",\"alg\":\"" + algorithm + "\",\"kid\":\"" + signing.kid() + "\"}");
        assertThat(TokenForge.payloadOf(token).fieldNames()).containsExactly("iss", "iat", "exp", "nbf", "jti", "sub",
                "prv", "application_id", "session_id");
        assertThat(codec.verify(token)).isEqualTo(claims());
        // a token made by the JDK alone, as another implementation would make it, verifies too
        String forged = algorithm.equals("RS256")
                ? TokenForge.rs256(Keys.RSA.getPrivate(), TokenForge.headerOf(token).encode(), json(rawClaims()))
                : TokenForge.eddsa(Keys.ED25519.getPrivate(), TokenForge.headerOf(token).encode(), json(rawClaims()));
        assertThat(codec.verify(forged)).isEqualTo(claims());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "EdDSA"})
    void signingIsAPureFunctionOfTheClaimsAndTheKey(String algorithm) {
        // A replayed successor is signed again from its stored claims and must be the same token, byte for byte.
        String first = codec(pair(keys(algorithm), null), List.of(), List.of()).sign(claims());
        String again = codec(pair(keys(algorithm), null), List.of(), List.of()).sign(claims());

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aRetiredKeyOfEitherFamilyKeepsItsTokensValidUntilItIsRemoved() throws InvalidTokenException {
        String rsaToken = codec(pair(Keys.RSA, "rsa-2025"), List.of(), List.of()).sign(claims());
        String hsToken = new JwtTokenCodec(TokenForge.settings()).sign(claims()); // the default: HS256, no kid

        JwtTokenCodec rotated = codec(pair(Keys.ED25519, null),
                List.of(PublicVerificationKey.of("rsa-2025", Keys.RSA.getPublic())), List.of(Hs256Secret.withoutId(SECRET)));
        String edToken = rotated.sign(claims());

        assertThat(rotated.verify(rsaToken)).isEqualTo(claims());
        assertThat(rotated.verify(hsToken)).isEqualTo(claims());
        assertThat(rotated.verify(edToken)).isEqualTo(claims());

        JwtTokenCodec afterwards = codec(pair(Keys.ED25519, null), List.of(), List.of());
        assertThat(afterwards.verify(edToken)).isEqualTo(claims());
        assertThatThrownBy(() -> afterwards.verify(rsaToken)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("unknown kid");
        assertThatThrownBy(() -> afterwards.verify(hsToken)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("no kid");
    }

    @Test
    void theSigningKeyListedAsRetiredTooIsHarmlessButAnotherKeyWithItsIdIsRefused() {
        SigningKeyPair signing = pair(Keys.ED25519, null);

        assertThat(asymmetric(signing, List.of(signing.publicKey()), List.of()).publicKeys()).isEmpty();
        assertThatThrownBy(() -> asymmetric(signing,
                List.of(PublicVerificationKey.of(signing.kid(), Keys.OTHER_ED25519.getPublic())), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate JWT key id");
        assertThatThrownBy(() -> asymmetric(signing, List.of(), List.of(Hs256Secret.of(signing.kid(), SECRET))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate JWT key id");
    }

    @Test
    void aPrivateKeyIsCheckedAgainstItsPublicHalf() {
        assertThatThrownBy(() -> new SigningKeyPair(PublicVerificationKey.of(null, Keys.OTHER_ED25519.getPublic()),
                Keys.ED25519.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> new SigningKeyPair(PublicVerificationKey.of(null, Keys.RSA.getPublic()), Keys.OTHER_RSA.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    }

    @Test
    void theJwksHoldsThePublicPartsOfTheSigningAndRetiredKeysOnly() {
        SigningKeyPair signing = pair(Keys.ED25519, null);
        JwtTokenCodec codec = codec(signing, List.of(PublicVerificationKey.of("rsa-2025", Keys.RSA.getPublic())),
                List.of(Hs256Secret.of("hs-2024", SECRET)));

        JsonArray keys = new JsonObject(codec.jwks()).getJsonArray("keys");

        assertThat(keys).hasSize(2);
        JsonObject ed = keys.getJsonObject(0);
        JsonObject rsa = keys.getJsonObject(1);
        assertThat(ed.fieldNames()).containsExactlyInAnyOrder("kty", "kid", "alg", "use", "crv", "x");
        assertThat(ed.getString("kty")).isEqualTo("OKP");
        assertThat(ed.getString("crv")).isEqualTo("Ed25519");
        assertThat(ed.getString("alg")).isEqualTo("EdDSA");
        assertThat(ed.getString("use")).isEqualTo("sig");
        assertThat(ed.getString("kid")).isEqualTo(signing.kid());
        assertThat(rsa.fieldNames()).containsExactlyInAnyOrder("kty", "kid", "alg", "use", "n", "e");
        assertThat(rsa.getString("kid")).isEqualTo("rsa-2025");
        assertThat(rsa.getString("alg")).isEqualTo("RS256");
        assertThat(codec.jwks()).doesNotContain("\"d\"").doesNotContain("\"k\"").doesNotContain("hs-2024");
    }

    @Test
    void theJwksIsEmptyUnderHs256() {
        assertThat(new JsonObject(TokenForge.codec().jwks())).isEqualTo(new JsonObject().put("keys", new JsonArray()));
    }

    @Test
    void anotherServiceVerifiesAnRs256TokenWithTheJwksAloneAndNimbus() throws Exception {
        JwtTokenCodec codec = codec(pair(Keys.RSA, null), List.of(), List.of());
        String token = codec.sign(claims());

        JWSObject jws = JWSObject.parse(token);
        RSAKey key = JWKSet.parse(codec.jwks()).getKeyByKeyId(jws.getHeader().getKeyID()).toRSAKey();

        assertThat(jws.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jws.getPayload().toJSONObject()).containsEntry("session_id", 15726L);
    }

    @Test
    void anotherServiceVerifiesAnEdDsaTokenWithTheJwksAloneAndTheJdk() throws Exception {
        JwtTokenCodec codec = codec(pair(Keys.ED25519, null), List.of(), List.of());
        String token = codec.sign(claims());
        String[] parts = token.split("\\.");

        JsonObject jwk = new JsonObject(codec.jwks()).getJsonArray("keys").getJsonObject(0);
        assertThat(jwk.getString("kid")).isEqualTo(TokenForge.headerOf(token).getString("kid"));
        // RFC 8410: an Ed25519 SubjectPublicKeyInfo is this fixed prefix and the 32 bytes of x
        byte[] spki = concat(HexFormat.of().parseHex("302a300506032b6570032100"), TokenForge.unb64(jwk.getString("x")));
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(verifier.verify(TokenForge.unb64(parts[2]))).isTrue();
    }

    @Test
    void neverShowsAPrivateKey() {
        PrivateKey privateKey = Keys.ED25519.getPrivate();
        JwtSettings settings = asymmetric(pair(Keys.ED25519, null), List.of(), List.of());
        String hex = HexFormat.of().formatHex(privateKey.getEncoded());

        assertThat(settings.toString()).contains("hidden").doesNotContain(hex.substring(hex.length() - 32));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
