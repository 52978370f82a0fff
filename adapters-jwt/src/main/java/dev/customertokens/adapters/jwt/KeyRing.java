package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.StrictJson.brief;
import static dev.customertokens.adapters.jwt.StrictJson.invalid;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.customertokens.application.port.out.InvalidTokenException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;

/**
 * Every key of a {@link JwtSettings}, ready to sign or verify: the signing key, the keys by {@code kid}, the HS256
 * secrets without id, and the JWKS document of the public keys. A token naming a {@code kid} is checked with that
 * key only; one without, with the secrets without id in configuration order. The token's {@code alg} must equal the
 * chosen key's algorithm: it never chooses the method. Safe to share between threads without a lock.
 */
final class KeyRing {

    private final Entry signer;
    private final Map<String, Entry> byId;
    private final Entry[] withoutId;
    private final String jwks;

    KeyRing(JwtSettings settings) {
        Map<String, Entry> ids = new HashMap<>();
        List<Entry> unnamed = new ArrayList<>();
        List<JWK> published = new ArrayList<>();
        Entry signing = null;
        if (settings.signingKeyPair() != null) {
            SigningKeyPair pair = settings.signingKeyPair();
            signing = new SignatureEntry(pair.publicKey(), pair);
            ids.put(pair.kid(), signing);
            published.add(pair.publicKey().toJwk());
        }
        for (Hs256Secret key : settings.secrets()) {
            Entry hmac = new HmacEntry(key);
            if (key.kid() == null) {
                unnamed.add(hmac);
            } else {
                ids.put(key.kid(), hmac);
            }
            if (signing == null && Objects.equals(key.kid(), settings.signingKeyId())) {
                signing = hmac;
            }
        }
        for (PublicVerificationKey key : settings.publicKeys()) {
            ids.put(key.kid(), new SignatureEntry(key, null));
            published.add(key.toJwk());
        }
        this.signer = signing;
        this.byId = Map.copyOf(ids);
        this.withoutId = unnamed.toArray(Entry[]::new);
        // JWKSet.toString(true) writes public parameters only, whatever the keys hold
        this.jwks = new JWKSet(published).toString(true);
    }

    /** The signing key's signature over {@code signingInput}. */
    byte[] sign(byte[] signingInput) {
        return signer.sign(signingInput);
    }

    /** The JWK Set of the signing key and the retired keys that are public; {@code {"keys":[]}} under HS256 alone. */
    String jwks() {
        return jwks;
    }

    /** Refuses a signature that no key the header may name made over {@code signingInput}. */
    void requireSignature(JwsHeader header, byte[] signingInput, byte[] signature) throws InvalidTokenException {
        Entry[] candidates = candidates(header);
        if (signature.length != candidates[0].signatureLength) {
            throw invalid("signature is " + signature.length + " bytes long; " + candidates[0].algorithm
                    + " signatures of this key are " + candidates[0].signatureLength);
        }
        for (Entry candidate : candidates) {
            if (candidate.verify(signingInput, signature)) {
                return;
            }
        }
        throw invalid("signature does not match");
    }

    /** The keys the token's signature may be made with, all of the algorithm the header names. */
    private Entry[] candidates(JwsHeader header) throws InvalidTokenException {
        String alg = header.alg();
        if (alg.toLowerCase(Locale.ROOT).equals("none")) {
            throw invalid("alg none is refused");
        }
        if (header.kid() == null) {
            if (withoutId.length == 0) {
                throw invalid("token has no kid and every key has one");
            }
            if (!alg.equals(JwtSettings.HS256)) {
                throw invalid("alg " + brief(alg) + " is not the configured HS256 of the keys without kid");
            }
            return withoutId;
        }
        Entry key = byId.get(header.kid());
        if (key == null) {
            throw invalid("unknown kid " + brief(header.kid()));
        }
        if (!alg.equals(key.algorithm)) {
            throw invalid("alg " + brief(alg) + " is not the configured " + key.algorithm + " of key "
                    + brief(header.kid()));
        }
        return new Entry[] {key};
    }

    /** One key pinned to its algorithm; each thread keeps its own initialized {@code Mac} or {@code Signature}. */
    private abstract static sealed class Entry permits HmacEntry, SignatureEntry {

        final String kid;
        final String algorithm;
        final int signatureLength;

        Entry(String kid, String algorithm, int signatureLength) {
            this.kid = kid;
            this.algorithm = algorithm;
            this.signatureLength = signatureLength;
        }

        /** @throws UnsupportedOperationException for a key that only verifies */
        abstract byte[] sign(byte[] signingInput);

        /** Whether {@code signature} is this key's over {@code signingInput}; never throws for any input. */
        abstract boolean verify(byte[] signingInput, byte[] signature);

        /** A per-thread instance, made now for this thread so that a key the JDK refuses is refused at start. */
        static <T> ThreadLocal<T> perThread(Supplier<T> factory) {
            ThreadLocal<T> instances = ThreadLocal.withInitial(factory);
            instances.get();
            return instances;
        }
    }

    /** HS256: {@code doFinal} resets the thread's {@code Mac} for the next token. */
    private static final class HmacEntry extends Entry {

        private final ThreadLocal<Mac> macs;

        HmacEntry(Hs256Secret secret) {
            super(secret.kid(), JwtSettings.HS256, Hs256Secret.SIGNATURE_BYTES);
            this.macs = perThread(secret::newMac);
        }

        @Override
        byte[] sign(byte[] signingInput) {
            return macs.get().doFinal(signingInput);
        }

        @Override
        boolean verify(byte[] signingInput, byte[] signature) {
            // constant time, so that the signature cannot be found byte by byte from timings
            return signature.length == signatureLength && MessageDigest.isEqual(sign(signingInput), signature);
        }
    }

    /** RS256 or EdDSA through the JDK's {@code Signature}; each sign or verify resets the thread's instance. */
    private static final class SignatureEntry extends Entry {

        private final ThreadLocal<Signature> signers;
        private final ThreadLocal<Signature> verifiers;

        /** @param pair {@code null} for a key that only verifies */
        SignatureEntry(PublicVerificationKey publicKey, SigningKeyPair pair) {
            super(publicKey.kid(), publicKey.algorithm(), publicKey.signatureLength());
            this.verifiers = perThread(publicKey::newVerifier);
            this.signers = pair == null ? null : perThread(pair::newSigner);
        }

        @Override
        byte[] sign(byte[] signingInput) {
            if (signers == null) {
                throw new UnsupportedOperationException("key " + kid + " only verifies");
            }
            Signature signature = signers.get();
            try {
                signature.update(signingInput);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing failed with key " + kid, e);
            }
        }

        @Override
        boolean verify(byte[] signingInput, byte[] signature) {
            if (signature.length != signatureLength) {
                return false;
            }
            Signature verifier = verifiers.get();
            try {
                verifier.update(signingInput);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | RuntimeException e) {
                // a malformed signature; the instance may hold half a state, so this thread starts afresh
                verifiers.remove();
                return false;
            }
        }
    }
}
