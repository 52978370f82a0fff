package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.StrictJson.brief;
import static dev.customertokens.adapters.jwt.StrictJson.invalid;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.customertokens.application.port.out.InvalidTokenException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every key of a {@link JwtSettings}, parsed once: the signing key, the verification keys by id, the HS256 keys
 * without id, and the JWKS document of the public ones.
 *
 * <p>Which key verifies a token: a token with a {@code kid} is checked with the key of that id only (an unknown id
 * is invalid); a token without {@code kid} with the HS256 keys without id, tried in configuration order (none:
 * invalid). Either way the token's {@code alg} must be exactly that key's algorithm: {@code alg} never chooses the
 * method, so an RS256 public key can never be used as an HMAC secret, nor an EdDSA token pass as RS256.
 */
final class KeyRing {

    private final JwsKey signer;
    private final Map<String, JwsKey> byId;
    private final JwsKey[] withoutId;
    private final String jwks;

    KeyRing(JwtSettings settings) {
        Map<String, JwsKey> ids = new HashMap<>();
        List<JwsKey> unnamed = new ArrayList<>();
        List<JWK> published = new ArrayList<>();
        JwsKey signing = null;
        if (settings.signingKeyPair() != null) {
            SigningKeyPair pair = settings.signingKeyPair();
            signing = new SignatureKey(pair.publicKey(), pair.privateKey());
            ids.put(pair.kid(), signing);
            published.add(pair.publicKey().toJwk());
        }
        for (Hs256Secret key : settings.keys()) {
            HmacKey hmac = new HmacKey(key);
            if (key.kid() == null) {
                unnamed.add(hmac);
            } else {
                ids.put(key.kid(), hmac);
            }
            if (signing == null && java.util.Objects.equals(key.kid(), settings.signingKeyId())) {
                signing = hmac;
            }
        }
        for (PublicVerificationKey key : settings.publicKeys()) {
            ids.put(key.kid(), new SignatureKey(key, null));
            published.add(key.toJwk());
        }
        this.signer = signing;
        this.byId = Map.copyOf(ids);
        this.withoutId = unnamed.toArray(JwsKey[]::new);
        // JWKSet.toString(true) writes public parameters only, whatever the keys hold
        this.jwks = new JWKSet(published).toString(true);
    }

    JwsKey signer() {
        return signer;
    }

    /** The JWK Set of the signing key and the retired keys that are public; {@code {"keys":[]}} under HS256 alone. */
    String jwks() {
        return jwks;
    }

    /** The keys the token's signature may be made with, all of the algorithm the header names. */
    JwsKey[] candidates(JwsHeader header) throws InvalidTokenException {
        String alg = header.alg();
        if (alg.toLowerCase(Locale.ROOT).equals("none")) {
            throw invalid("alg none is refused");
        }
        if (header.kid() == null) {
            if (withoutId.length == 0) {
                throw invalid("token has no kid and every key has one");
            }
            if (!alg.equals(HmacKey.HS256)) {
                throw invalid("alg " + brief(alg) + " is not the configured HS256 of the keys without kid");
            }
            return withoutId;
        }
        JwsKey key = byId.get(header.kid());
        if (key == null) {
            throw invalid("unknown kid " + brief(header.kid()));
        }
        if (!alg.equals(key.algorithm())) {
            throw invalid("alg " + brief(alg) + " is not the configured " + key.algorithm() + " of key "
                    + brief(header.kid()));
        }
        return new JwsKey[] {key};
    }
}
