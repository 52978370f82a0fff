package dev.customertokens.adapters.jwt.dpop;

import static dev.customertokens.adapters.jwt.testing.DpopClientKey.EDDSA;
import static dev.customertokens.adapters.jwt.testing.DpopClientKey.ES256;
import static dev.customertokens.adapters.jwt.testing.DpopClientKey.PS256;
import static dev.customertokens.adapters.jwt.testing.DpopClientKey.RS256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customertokens.adapters.jwt.testing.DpopClientKey;
import dev.customertokens.application.port.out.InvalidDpopProofException;
import dev.customertokens.domain.DpopProof;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof's form, header, key and signature (CONTRACT 2.7), read with Nimbus JOSE+JWT from proofs that jose4j
 * made: each of the four algorithms is accepted and yields the key's RFC 7638 thumbprint as jose4j computes it;
 * everything else is refused with {@link InvalidDpopProofException} naming the rule, never the key.
 */
class NimbusDpopProofVerifierTest {

    private static final String HTU = "https://tokens.example/api/customers/refresh";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Map<String, DpopClientKey> KEYS = Map.of(ES256, DpopClientKey.generate(ES256),
            EDDSA, DpopClientKey.generate(EDDSA), RS256, DpopClientKey.generate(RS256),
            PS256, DpopClientKey.generate(PS256));
    private static final DpopClientKey CLIENT = KEYS.get(ES256);

    private final NimbusDpopProofVerifier verifier = new NimbusDpopProofVerifier();

    private void assertRefused(String proof, String rule) {
        assertThatThrownBy(() -> verifier.verify(proof))
                .isExactlyInstanceOf(InvalidDpopProofException.class)
                .hasMessageContaining(rule);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {ES256, EDDSA, RS256, PS256})
    void aProofOfEachAlgorithmVerifiesToItsClaimsAndItsKeysThumbprint(String alg) throws Exception {
        DpopClientKey key = KEYS.get(alg);
        Map<String, Object> claims = key.claims(HTU, TOKEN, NOW);
        claims.put("nonce", "server-nonce");

        DpopProof proof = verifier.verify(key.proof(claims));

        assertThat(proof.jkt().value()).isEqualTo(key.thumbprint());
        assertThat(proof.jti()).isEqualTo(claims.get("jti"));
        assertThat(proof.htm()).isEqualTo("GET");
        assertThat(proof.htu()).isEqualTo(HTU);
        assertThat(proof.iat()).isEqualTo(NOW.getEpochSecond());
        assertThat(proof.ath()).isEqualTo(DpopClientKey.accessTokenHash(TOKEN));
        assertThat(proof.nonce()).isEqualTo("server-nonce");
    }

    @Test
    void athAndNonceAreOptionalHere() throws Exception {
        Map<String, Object> claims = CLIENT.claims(HTU, TOKEN, NOW);
        claims.remove("ath");

        DpopProof proof = verifier.verify(CLIENT.proof(claims));

        assertThat(proof.ath()).isNull();
        assertThat(proof.nonce()).isNull();
    }

    @Test
    void aFractionalIatIsReadInWholeSeconds() throws Exception {
        Map<String, Object> claims = CLIENT.claims(HTU, TOKEN, NOW);
        claims.put("iat", NOW.getEpochSecond() + 0.75);

        assertThat(verifier.verify(CLIENT.proof(claims)).iat()).isEqualTo(NOW.getEpochSecond());
    }

    // ---- form

    @Test
    void aProofOver8KibIsRefusedBeforeItIsRead() {
        Map<String, Object> claims = CLIENT.claims(HTU, TOKEN, NOW);
        claims.put("padding", "x".repeat(8 * 1024));

        assertRefused(CLIENT.proof(claims), "over 8 KiB");
    }

    @Test
    void somethingThatIsNotACompactJwsIsRefused() {
        assertRefused("not a jwt", "not a compact JWS");
        assertRefused("", "not a compact JWS");
        assertRefused(b64("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\"}") + "." + b64("{}"), "not a compact JWS");
    }

    @Test
    void nullIsRefused() {
        assertRefused(null, "no proof");
    }

    // ---- header

    @Test
    void aTypOtherThanDpopJwtIsRefused() {
        String payload = "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"" + HTU + "\",\"iat\":1}";
        assertRefused(CLIENT.sign(null, ES256, CLIENT.jwk(), payload), "typ must be dpop+jwt");
        assertRefused(CLIENT.sign("JWT", ES256, CLIENT.jwk(), payload), "typ must be dpop+jwt");
        assertRefused(CLIENT.sign("at+jwt", ES256, CLIENT.jwk(), payload), "typ must be dpop+jwt");
    }

    @Test
    void algNoneIsRefused() {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"none\",\"jwk\":" + CLIENT.publicJwkJson() + "}";
        assertRefused(b64(header) + "." + b64("{\"jti\":\"a\"}") + ".", "alg must be one of ES256, EdDSA, RS256, PS256");
    }

    @Test
    void aSymmetricAlgIsRefusedWhateverTheKey() throws JoseException {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}}";
        assertRefused(b64(header) + "." + b64("{\"jti\":\"a\"}") + "." + b64("signature"),
                "alg must be one of ES256, EdDSA, RS256, PS256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS384", "RS512", "PS384", "ES384", "ES512", "ES256K", "Ed25519"})
    void anotherAsymmetricAlgIsRefused(String alg) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"" + alg + "\",\"jwk\":" + CLIENT.publicJwkJson() + "}";
        assertRefused(b64(header) + "." + b64("{\"jti\":\"a\"}") + "." + b64("signature"),
                "alg must be one of ES256, EdDSA, RS256, PS256");
    }

    @Test
    void aProofWithoutJwkIsRefused() {
        assertRefused(CLIENT.sign("dpop+jwt", ES256, null, "{\"jti\":\"a\"}"), "jwk must be");
    }

    @Test
    void aJwkWithItsPrivatePartIsRefused() throws JoseException {
        PublicJsonWebKey withPrivate = PublicJsonWebKey.Factory.newPublicJwk(
                CLIENT.jwk().toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":"
                + withPrivate.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE) + "}";
        String payload = "{\"jti\":\"a\"}";
        assertRefused(b64(header) + "." + b64(payload) + "." + b64("signature"), "public key");
    }

    @Test
    void aKeyOfAnotherTypeThanTheAlgIsRefused() throws JoseException {
        PublicJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        PublicJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        PublicJsonWebKey ed = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);

        assertRefused(withKey("ES256", rsa), "ES256 needs an EC key on P-256");
        assertRefused(withKey("ES256", ed), "ES256 needs an EC key on P-256");
        assertRefused(withKey("RS256", ec), "RS256 needs an RSA key");
        assertRefused(withKey("PS256", ed), "PS256 needs an RSA key");
        assertRefused(withKey("EdDSA", ec), "EdDSA needs an OKP key on Ed25519");
        assertRefused(withKey("EdDSA", rsa), "EdDSA needs an OKP key on Ed25519");
    }

    /** A proof whose header names {@code alg} and carries {@code jwk}; its signature is beside the point. */
    private static String withKey(String alg, PublicJsonWebKey jwk) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"" + alg + "\",\"jwk\":"
                + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "}";
        return b64(header) + "." + b64("{\"jti\":\"a\"}") + "." + b64("signature");
    }

    @Test
    void anEcKeyOnAnotherCurveIsRefused() throws JoseException {
        assertRefused(withKey("ES256", EcJwkGenerator.generateJwk(EllipticCurves.P384)), "EC key on P-256");
    }

    @Test
    void anX25519KeyIsNotAnEd25519Key() throws JoseException {
        assertRefused(withKey("EdDSA", OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_X25519)),
                "OKP key on Ed25519");
    }

    @Test
    void anRsaKeyUnder2048BitsIsRefused() throws JoseException {
        PublicJsonWebKey weak = RsaJwkGenerator.generateJwk(1024);
        DpopClientKey client = DpopClientKey.mismatched(RS256, weak);
        assertRefused(client.proof(client.claims(HTU, TOKEN, NOW)), "at least 2048 bits");
    }

    // ---- signature

    @ParameterizedTest
    @ValueSource(strings = {ES256, EDDSA, RS256, PS256})
    void aProofSignedByAnotherKeyThanItsJwkIsRefused(String alg) {
        DpopClientKey signer = DpopClientKey.generate(alg);
        String proof = signer.sign("dpop+jwt", alg, KEYS.get(alg).jwk(), "{\"jti\":\"a\",\"htm\":\"GET\"}");

        assertRefused(proof, "signature does not verify");
    }

    @Test
    void aProofWhoseClaimsWereChangedAfterSigningIsRefused() {
        String proof = CLIENT.proof(HTU, TOKEN, NOW);
        String[] parts = proof.split("\\.");
        String changed = parts[0] + "." + b64("{\"jti\":\"b\",\"htm\":\"GET\",\"htu\":\"" + HTU + "\",\"iat\":1}")
                + "." + parts[2];

        assertRefused(changed, "signature does not verify");
    }

    @Test
    void anRs256ProofIsNotAPs256One() {
        DpopClientKey rsa = KEYS.get(RS256);
        String proof = rsa.proof(rsa.claims(HTU, TOKEN, NOW));
        String[] parts = proof.split("\\.");
        String relabelled = b64("{\"typ\":\"dpop+jwt\",\"alg\":\"PS256\",\"jwk\":" + rsa.publicJwkJson() + "}")
                + "." + parts[1] + "." + parts[2];

        assertRefused(relabelled, "signature does not verify");
    }

    // ---- claims

    @Test
    void eachRequiredClaimMustBeThereWithItsType() {
        assertClaimRefused("jti", null, "jti must be a string");
        assertClaimRefused("jti", 42, "jti must be a string");
        assertClaimRefused("htm", null, "htm must be a string");
        assertClaimRefused("htm", true, "htm must be a string");
        assertClaimRefused("htu", null, "htu must be a string");
        assertClaimRefused("htu", Map.of("href", HTU), "htu must be a string");
        assertClaimRefused("iat", null, "iat must be a number");
        assertClaimRefused("iat", "1772359200", "iat must be a number");
        assertClaimRefused("ath", 7, "ath must be a string");
        assertClaimRefused("nonce", 7, "nonce must be a string");
    }

    private void assertClaimRefused(String claim, Object value, String rule) {
        Map<String, Object> claims = CLIENT.claims(HTU, TOKEN, NOW);
        if (value == null) {
            claims.remove(claim);
        } else {
            claims.put(claim, value);
        }
        assertRefused(CLIENT.proof(claims), rule);
    }

    @Test
    void aPayloadThatIsNotAJsonObjectIsRefused() {
        assertRefused(CLIENT.sign("dpop+jwt", ES256, CLIENT.jwk(), "[1,2]"), "claims must be a JSON object");
        assertRefused(CLIENT.sign("dpop+jwt", ES256, CLIENT.jwk(), "not json"), "claims must be a JSON object");
    }

    // ---- whatever the input

    @Test
    void noMessageNamesTheKey() {
        DpopClientKey rsa = KEYS.get(RS256);
        String proof = DpopClientKey.generate(RS256).sign("dpop+jwt", RS256, rsa.jwk(), "{\"jti\":\"a\"}");
        String modulus = (String) rsa.jwk().toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).get("n");

        assertThatThrownBy(() -> verifier.verify(proof))
                .isInstanceOf(InvalidDpopProofException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(modulus.substring(0, 16))
                        .doesNotContain(rsa.thumbprint()));
    }

    @Test
    void garbageOfEveryKindIsRefusedAndNothingElseIsThrown() {
        Random random = new Random(24);
        String good = CLIENT.proof(HTU, TOKEN, NOW);
        for (int i = 0; i < 2000; i++) {
            char[] mutated = good.toCharArray();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (char) (32 + random.nextInt(95));
            }
            String proof = new String(mutated);
            if (proof.equals(good)) {
                continue;
            }
            try {
                verifier.verify(proof);
            } catch (InvalidDpopProofException expected) {
                // refused, as it should be; an accepted mutation is possible (a flip in an unused bit) and harmless
            } catch (RuntimeException unexpected) {
                throw new AssertionError("a mutated proof threw " + unexpected, unexpected);
            }
        }
    }
}
