package dev.customertokens.adapters.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/**
 * The asymmetric signing key: a private key and its public half, whose id and algorithm tokens carry.
 *
 * @param publicKey  the public half, with the key id and algorithm ({@code RS256} or {@code EdDSA})
 * @param privateKey the private half; checked to belong to {@code publicKey} by signing and verifying a probe
 */
public record SigningKeyPair(PublicVerificationKey publicKey, PrivateKey privateKey) {

    public SigningKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!belongTogether(publicKey, privateKey)) {
            throw new IllegalArgumentException("the private key does not belong to the public key " + publicKey);
        }
    }

    public String kid() {
        return publicKey.kid();
    }

    public String algorithm() {
        return publicKey.algorithm();
    }

    /** A {@code Signature} initialized to sign with the private key, for one thread. */
    Signature newSigner() {
        return signer(publicKey, privateKey);
    }

    private static Signature signer(PublicVerificationKey publicKey, PrivateKey privateKey) {
        try {
            Signature signature = Signature.getInstance(publicKey.jcaAlgorithm());
            signature.initSign(privateKey);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable private key for " + publicKey + ": " + e.getMessage(), e);
        }
    }

    private static boolean belongTogether(PublicVerificationKey publicKey, PrivateKey privateKey) {
        byte[] probe = "customer-tokens key pair probe".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = signer(publicKey, privateKey);
            signer.update(probe);
            Signature verifier = publicKey.newVerifier();
            verifier.update(probe);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Never shows the private key. */
    @Override
    public String toString() {
        return "SigningKeyPair[" + publicKey + ", privateKey=(hidden)]";
    }
}
