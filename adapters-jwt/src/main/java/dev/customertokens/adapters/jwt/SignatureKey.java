package dev.customertokens.adapters.jwt;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * RS256 (RSASSA-PKCS1-v1_5 with SHA-256) or EdDSA (Ed25519) through the JDK's {@link Signature}: one initialized
 * instance per thread for signing and one for verifying, reused (each sign or verify resets it). Both algorithms are
 * deterministic, so the same claims always give the same token (CONTRACT 2.4).
 */
final class SignatureKey extends JwsKey {

    private final int signatureLength;
    private final ThreadLocal<Signature> signers;
    private final ThreadLocal<Signature> verifiers;

    /** @param privateKey {@code null} for a key that only verifies */
    SignatureKey(PublicVerificationKey publicKey, PrivateKey privateKey) {
        super(publicKey.kid(), publicKey.algorithm());
        String jca = PublicVerificationKey.RS256.equals(publicKey.algorithm()) ? "SHA256withRSA" : "Ed25519";
        this.signatureLength = publicKey.signatureLength();
        this.verifiers = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(jca);
                signature.initVerify(publicKey.key());
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("unusable public key " + publicKey + ": " + e.getMessage(), e);
            }
        });
        this.signers = privateKey == null ? null : ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(jca);
                signature.initSign(privateKey);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("unusable private key for " + publicKey + ": " + e.getMessage(), e);
            }
        });
        verifiers.get(); // refused now rather than at the first token
        if (signers != null) {
            signers.get();
        }
    }

    @Override
    int signatureLength() {
        return signatureLength;
    }

    @Override
    byte[] sign(byte[] signingInput) {
        if (signers == null) {
            throw new UnsupportedOperationException("key " + kid() + " only verifies");
        }
        Signature signature = signers.get();
        try {
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed with key " + kid(), e);
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
