package dev.customertokens.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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
 * The DPoP client of a bound load ({@code --systems h2-dpop,postgres-dpop}): one EC P-256 key that every session
 * is bound to, kept in a file between the benchmark (which binds the sessions) and the load generator (which makes
 * an ES256 proof for every request with Nimbus JOSE+JWT, as a client would).
 */
final class DpopLoadKey {

    private final ECKey key;
    private final JWSHeader header;
    private final ECDSASigner signer;
    private long proofs;

    private DpopLoadKey(ECKey key) throws JOSEException {
        this.key = key;
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build();
        this.signer = new ECDSASigner(key);
    }

    /** A fresh key, written to {@code file}. */
    static DpopLoadKey create(Path file) throws IOException, JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Files.writeString(file, key.toJSONString(), StandardCharsets.US_ASCII);
        return new DpopLoadKey(key);
    }

    static DpopLoadKey read(Path file) throws IOException, ParseException, JOSEException {
        return new DpopLoadKey(ECKey.parse(Files.readString(file, StandardCharsets.US_ASCII)));
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
