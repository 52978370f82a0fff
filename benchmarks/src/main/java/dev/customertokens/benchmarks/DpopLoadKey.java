package dev.customertokens.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.customertokens.domain.DpopRules;
import dev.customertokens.domain.KeyThumbprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DPoP client of a bound load ({@code --systems h2-dpop,postgres-dpop}): one key that every session is bound
 * to (ES256 by default, or EdDSA, RS256, PS256: {@code --dpop-alg}), kept in a file between the benchmark (which
 * binds the sessions) and the load generator (which makes a proof for every request with Nimbus JOSE+JWT, as a
 * client would).
 */
final class DpopLoadKey {

    private final JWK key;
    private final JWSHeader header;
    private final JWSSigner signer;
    private long proofs;

    private DpopLoadKey(JWK key) throws JOSEException {
        this.key = key;
        this.header = new JWSHeader.Builder(key.getAlgorithm() == null ? JWSAlgorithm.ES256
                : JWSAlgorithm.parse(key.getAlgorithm().getName())).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build();
        this.signer = key instanceof ECKey ec ? new ECDSASigner(ec)
                : key instanceof OctetKeyPair ed ? new Ed25519Signer(ed) : new RSASSASigner((RSAKey) key);
    }

    /** A fresh key for {@code alg} (ES256, EdDSA, RS256 or PS256), written to {@code file}. */
    static DpopLoadKey create(Path file, String alg) throws IOException, JOSEException {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        JWK key = switch (alg) {
            case "ES256" -> new ECKeyGenerator(Curve.P_256).algorithm(algorithm).generate();
            case "EdDSA" -> new OctetKeyPairGenerator(Curve.Ed25519).algorithm(algorithm).generate();
            case "RS256", "PS256" -> new RSAKeyGenerator(2048).algorithm(algorithm).generate();
            default -> throw new IllegalArgumentException("--dpop-alg is ES256, EdDSA, RS256 or PS256, not " + alg);
        };
        Files.writeString(file, key.toJSONString(), StandardCharsets.US_ASCII);
        return new DpopLoadKey(key);
    }

    static DpopLoadKey read(Path file) throws IOException, ParseException, JOSEException {
        return new DpopLoadKey(JWK.parse(Files.readString(file, StandardCharsets.US_ASCII)));
    }

    KeyThumbprint thumbprint() throws JOSEException {
        return KeyThumbprint.of(key.computeThumbprint().toString());
    }

    /** A proof for a refresh of {@code token} at {@code htu}, now; for one thread. */
    String proof(String htu, String token) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", "load-" + System.nanoTime() + "-" + proofs++);
        claims.put("htm", "GET");
        claims.put("htu", htu);
        claims.put("iat", System.currentTimeMillis() / 1000);
        claims.put("ath", DpopRules.accessTokenHash(token));
        JWSObject proof = new JWSObject(header, new Payload(claims));
        try {
            proof.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("an ES256 signature failed", e);
        }
        return proof.serialize();
    }
}
