package dev.customertokens.adapters.jwt.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.json.JsonUtil;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * A DPoP client's key pair and the proofs it makes (RFC 9449), on jose4j: a JOSE library other than the Nimbus
 * JOSE+JWT that verifies them, so that a proof is checked against another implementation's reading of the
 * standard. Every proof is correct unless a test changes its claims or header on purpose.
 */
public final class DpopClientKey {

    /** The algorithms CONTRACT 2.7 accepts, as jose4j names them. */
    public static final String ES256 = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
    public static final String EDDSA = AlgorithmIdentifiers.EDDSA;
    public static final String RS256 = AlgorithmIdentifiers.RSA_USING_SHA256;
    public static final String PS256 = AlgorithmIdentifiers.RSA_PSS_USING_SHA256;

    private final String alg;
    private final PublicJsonWebKey jwk;

    private DpopClientKey(String alg, PublicJsonWebKey jwk) {
        this.alg = alg;
        this.jwk = jwk;
    }

    /** A fresh key for {@code alg}: P-256 for ES256, Ed25519 for EdDSA, RSA 2048 for RS256 and PS256. */
    public static DpopClientKey generate(String alg) {
        try {
            PublicJsonWebKey jwk = switch (alg) {
                case ES256 -> EcJwkGenerator.generateJwk(EllipticCurves.P256);
                case EDDSA -> OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
                case RS256, PS256 -> RsaJwkGenerator.generateJwk(2048);
                default -> throw new IllegalArgumentException("no DPoP algorithm " + alg);
            };
            return new DpopClientKey(alg, jwk);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key of another type or size than its algorithm wants, to sign with {@code alg} nonetheless. */
    public static DpopClientKey mismatched(String alg, PublicJsonWebKey jwk) {
        return new DpopClientKey(alg, jwk);
    }

    public String alg() {
        return alg;
    }

    /** The key pair as jose4j holds it, private part included. */
    public PublicJsonWebKey jwk() {
        return jwk;
    }

    /** The RFC 7638 SHA-256 thumbprint, base64url: the {@code dpop_jkt} a session is bound to. */
    public String thumbprint() {
        return jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }

    /** A proof for a refresh of {@code accessToken} at {@code htu}, made at {@code iat}, with a fresh {@code jti}. */
    public String proof(String htu, String accessToken, Instant iat) {
        return proof(claims(htu, accessToken, iat));
    }

    /** As {@link #proof(String, String, Instant)}, carrying the server's {@code nonce}. */
    public String proof(String htu, String accessToken, Instant iat, String nonce) {
        Map<String, Object> claims = claims(htu, accessToken, iat);
        claims.put("nonce", nonce);
        return proof(claims);
    }

    /** The claims of a correct proof, in a map a test may change before {@link #proof(Map)}. */
    public Map<String, Object> claims(String htu, String accessToken, Instant iat) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("htm", "GET");
        claims.put("htu", htu);
        claims.put("iat", iat.getEpochSecond());
        claims.put("ath", accessTokenHash(accessToken));
        return claims;
    }

    /** {@code claims} under the header {@code {"typ":"dpop+jwt","alg":…,"jwk":<public key>}}. */
    public String proof(Map<String, Object> claims) {
        return sign("dpop+jwt", alg, jwk, JsonUtil.toJson(claims));
    }

    /** A JWS of {@code payloadJson} signed with this key under {@code alg}, with {@code typ} and {@code headerJwk}. */
    public String sign(String typ, String signingAlg, PublicJsonWebKey headerJwk, String payloadJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payloadJson);
        jws.setAlgorithmHeaderValue(signingAlg);
        if (typ != null) {
            jws.setHeader("typ", typ);
        }
        if (headerJwk != null) {
            jws.setJwkHeader(headerJwk);
        }
        jws.setKey(jwk.getPrivateKey());
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK as JSON. */
    public String publicJwkJson() {
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** RFC 9449 4.2: the base64url SHA-256 of the token's ASCII bytes. */
    public static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
