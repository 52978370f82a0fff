package dev.customertokens.adapters.jwt.dpop;

import dev.customertokens.adapters.jwt.PublicVerificationKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.customertokens.application.port.out.DpopProofVerifier;
import dev.customertokens.application.port.out.InvalidDpopProofException;
import dev.customertokens.domain.DpopProof;
import dev.customertokens.domain.DpopRules;
import dev.customertokens.domain.KeyThumbprint;
import java.text.ParseException;
import java.util.Map;

/**
 * Reads a DPoP proof (RFC 9449, CONTRACT 2.7) with Nimbus JOSE+JWT: {@code typ} {@code dpop+jwt}, an {@code alg} of
 * {@link DpopRules#ALGORITHMS}, a public {@code jwk} of that algorithm's type (RSA of at least 2048 bits, EC on
 * P-256, OKP on Ed25519), the signature checked by Nimbus's verifier for that key, the claims' types, and the key's
 * RFC 7638 thumbprint. A proof over {@value #MAX_PROOF_LENGTH} characters is refused unread. Whatever the input,
 * nothing but {@link InvalidDpopProofException} leaves {@link #verify}, whose messages name the rule, never the key.
 */
public final class NimbusDpopProofVerifier implements DpopProofVerifier {

    /** The longest proof looked at, in characters (8 KiB). */
    public static final int MAX_PROOF_LENGTH = 8192;

    private static final String TYPE = "dpop+jwt";
    private static final String ALG_RULE = "the proof's alg must be one of " + String.join(", ", DpopRules.ALGORITHMS);

    @Override
    public DpopProof verify(String proof) throws InvalidDpopProofException {
        try {
            return read(proof);
        } catch (InvalidDpopProofException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // whatever a library makes of a hostile input, the client hears one thing: the proof cannot be read
            throw invalid("the proof cannot be read as a DPoP proof");
        }
    }

    private static DpopProof read(String proof) throws InvalidDpopProofException {
        if (proof == null) {
            throw invalid("no proof");
        }
        if (proof.length() > MAX_PROOF_LENGTH) {
            throw invalid("the proof is over 8 KiB");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(proof);
        } catch (ParseException e) {
            throw new InvalidDpopProofException(unparsable(proof));
        }
        Map<String, Object> header = jws.getHeader().toJSONObject();
        JWK jwk = keyFor(header);
        if (!signatureVerifies(jws, jwk)) {
            throw invalid("the proof's signature does not verify with its jwk");
        }
        return claims(jws.getPayload().toJSONObject(), thumbprint(jwk));
    }

    /**
     * Why Nimbus could not parse the proof, told by the header's own rules where the header can be read: Nimbus
     * refuses {@code alg none} and a private {@code jwk} while parsing, and the client should hear which rule.
     */
    private static String unparsable(String proof) {
        int dot = proof.indexOf('.');
        if (dot > 0 && proof.indexOf('.', dot + 1) > dot) {
            try {
                keyFor(JSONObjectUtils.parse(new Base64URL(proof.substring(0, dot)).decodeToString()));
            } catch (InvalidDpopProofException e) {
                return e.getMessage();
            } catch (ParseException | RuntimeException e) {
                // the header is not JSON either: not a JWS at all
            }
        }
        return "the proof is not a compact JWS";
    }

    /** The header's rules, in order: {@code typ}, {@code alg}, {@code crit}, then the {@code jwk} for the alg. */
    private static JWK keyFor(Map<String, Object> header) throws InvalidDpopProofException {
        if (!TYPE.equals(header.get("typ"))) {
            throw invalid("the proof's typ must be dpop+jwt");
        }
        Object alg = header.get("alg");
        if (!(alg instanceof String name) || !DpopRules.ALGORITHMS.contains(name)) {
            throw invalid(ALG_RULE);
        }
        if (header.containsKey("crit")) {
            throw invalid("the proof's crit names extensions this service does not understand");
        }
        JWK jwk;
        try {
            Object member = header.get("jwk");
            if (!(member instanceof Map<?, ?>)) {
                throw invalid("the proof's jwk must be a public key");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) member;
            jwk = JWK.parse(object);
        } catch (ParseException e) {
            throw invalid("the proof's jwk must be a public key");
        }
        if (jwk.isPrivate()) {
            throw invalid("the proof's jwk must be a public key, without its private part");
        }
        requireSuits(name, jwk);
        return jwk;
    }

    private static void requireSuits(String alg, JWK jwk) throws InvalidDpopProofException {
        switch (alg) {
            case "ES256" -> {
                if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                    throw invalid("the proof's jwk does not suit its alg: ES256 needs an EC key on P-256");
                }
            }
            case "EdDSA" -> {
                if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve())) {
                    throw invalid("the proof's jwk does not suit its alg: EdDSA needs an OKP key on Ed25519");
                }
            }
            default -> {
                if (!(jwk instanceof RSAKey rsa)) {
                    throw invalid("the proof's jwk does not suit its alg: " + alg + " needs an RSA key");
                }
                if (rsa.size() < PublicVerificationKey.MIN_RSA_BITS) {
                    throw invalid("the proof's RSA key must have at least " + PublicVerificationKey.MIN_RSA_BITS + " bits");
                }
            }
        }
    }

    private static boolean signatureVerifies(JWSObject jws, JWK jwk) {
        try {
            JWSVerifier verifier;
            if (jwk instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else if (jwk instanceof OctetKeyPair okp) {
                verifier = new Ed25519Verifier(okp);
            } else {
                verifier = new RSASSAVerifier((RSAKey) jwk);
            }
            // the header's alg was checked to suit the key: the verifier signs nothing of another family
            return jws.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    private static KeyThumbprint thumbprint(JWK jwk) throws InvalidDpopProofException {
        try {
            return KeyThumbprint.of(jwk.computeThumbprint("SHA-256").toString());
        } catch (JOSEException e) {
            throw invalid("the proof's jwk has no thumbprint");
        }
    }

    private static DpopProof claims(Map<String, Object> claims, KeyThumbprint jkt) throws InvalidDpopProofException {
        if (claims == null) {
            throw invalid("the proof's claims must be a JSON object");
        }
        String jti = requiredString(claims, "jti");
        String htm = requiredString(claims, "htm");
        String htu = requiredString(claims, "htu");
        if (!(claims.get("iat") instanceof Number iat)) {
            throw invalid("the proof's iat must be a number");
        }
        // a NumericDate may have a fraction (RFC 7519 2); the rules compare whole seconds
        long seconds = iat instanceof Double || iat instanceof Float ? (long) Math.floor(iat.doubleValue())
                : iat.longValue();
        return new DpopProof(jkt, jti, htm, htu, seconds, optionalString(claims, "ath"), optionalString(claims, "nonce"));
    }

    private static String requiredString(Map<String, Object> claims, String name) throws InvalidDpopProofException {
        if (!(claims.get(name) instanceof String value)) {
            throw invalid("the proof's " + name + " must be a string");
        }
        return value;
    }

    private static String optionalString(Map<String, Object> claims, String name) throws InvalidDpopProofException {
        Object value = claims.get(name);
        if (value != null && !(value instanceof String)) {
            throw invalid("the proof's " + name + " must be a string");
        }
        return (String) value;
    }

    private static InvalidDpopProofException invalid(String rule) {
        return new InvalidDpopProofException(rule);
    }
}
