package dev.customertokens.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
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
import dev.customertokens.adapters.jwt.dpop.NimbusDpopProofVerifier;
import dev.customertokens.application.port.out.InvalidDpopProofException;
import dev.customertokens.domain.DpopProof;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What reading one DPoP proof costs the server (its header, key, signature and thumbprint), for each algorithm a
 * client may choose: the part of a bound refresh that an unbound one does not pay, beside one insert.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DpopProofBenchmark {

    @Param({"ES256", "EdDSA", "RS256", "PS256"})
    public String alg;

    private final NimbusDpopProofVerifier verifier = new NimbusDpopProofVerifier();
    private String proof;

    @Setup
    public void setUp() throws JOSEException {
        JWK key;
        JWSSigner signer;
        switch (alg) {
            case "ES256" -> {
                ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
                key = ec;
                signer = new ECDSASigner(ec);
            }
            case "EdDSA" -> {
                OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).generate();
                key = ed;
                signer = new Ed25519Signer(ed);
            }
            default -> {
                RSAKey rsa = new RSAKeyGenerator(2048).generate();
                key = rsa;
                signer = new RSASSASigner(rsa);
            }
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build();
        JWSObject jws = new JWSObject(header, new Payload(Map.of("jti", "benchmark", "htm", "GET",
                "htu", "http://127.0.0.1:8080/api/customers/refresh", "iat", System.currentTimeMillis() / 1000,
                "ath", "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo")));
        jws.sign(signer);
        proof = jws.serialize();
    }

    @Benchmark
    public DpopProof verify() throws InvalidDpopProofException {
        return verifier.verify(proof);
    }
}
