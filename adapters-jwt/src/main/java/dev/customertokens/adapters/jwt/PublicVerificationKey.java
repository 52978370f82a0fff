package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.JwtSettings.EDDSA;
import static dev.customertokens.adapters.jwt.JwtSettings.RS256;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RS256 or EdDSA public key that verifies tokens: the signing key's public half, or a retired key whose tokens
 * stay accepted (CONTRACT 2.4). Pinned to its algorithm, and checked to suit it when made.
 *
 * @param kid       the key id tokens name in their {@code kid} header; {@code null} means the key's RFC 7638 JWK
 *                  thumbprint, so that every node and every resource server derives the same id from the key alone
 * @param algorithm {@value JwtSettings#RS256} (an RSA key of at least {@value #MIN_RSA_BITS} bits) or
 *                  {@value JwtSettings#EDDSA} (Ed25519)
 * @param key       the public key
 */
public record PublicVerificationKey(String kid, String algorithm, PublicKey key) {

    /** The fewest bits of an RSA key accepted. */
    public static final int MIN_RSA_BITS = 2048;

    /** The length of an Ed25519 SubjectPublicKeyInfo (RFC 8410): a fixed prefix, then the 32 key bytes. */
    private static final int ED25519_SPKI_LENGTH = 44;
    static final int ED25519_KEY_BYTES = 32;

    /**
     * Checks that the key suits the algorithm, and fills in the thumbprint when no id is given.
     *
     * @param kid       the key id, or null for the key's RFC 7638 thumbprint; never empty
     * @param algorithm {@code RS256} or {@code EdDSA}, not null
     * @param key       the public key, not null
     * @throws NullPointerException     if {@code algorithm} or {@code key} is null
     * @throws IllegalArgumentException if {@code kid} is empty, or the key does not suit the algorithm (another
     *                                  type, or an RSA key under {@value #MIN_RSA_BITS} bits)
     */
    public PublicVerificationKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        if (kid != null && kid.isEmpty()) {
            throw new IllegalArgumentException("a JWT key id must not be empty (use null for the key's thumbprint)");
        }
        requireSuitable(algorithm, key);
        if (kid == null) {
            kid = thumbprint(key);
        }
    }

    /**
     * The key with the algorithm its type implies: RS256 for RSA, EdDSA for Ed25519.
     *
     * @param kid the key id, or null for the key's RFC 7638 thumbprint
     * @param key an RSA or Ed25519 public key, not null
     * @return the verification key
     * @throws IllegalArgumentException if the key is of another type, or an RSA key under {@value #MIN_RSA_BITS}
     *                                  bits
     */
    public static PublicVerificationKey of(String kid, PublicKey key) {
        Objects.requireNonNull(key, "key");
        return new PublicVerificationKey(kid, key instanceof RSAPublicKey ? RS256 : EDDSA, key);
    }

    /**
     * A retired key in an X.509 SubjectPublicKeyInfo PEM file ({@code openssl pkey -pubout}); its algorithm follows
     * from its type.
     *
     * @param file the PEM file
     * @param kid  the key id, or {@code null} for the key's RFC 7638 thumbprint
     * @return the verification key
     * @throws KeyFileException naming the file and the problem
     */
    public static PublicVerificationKey fromPemFile(Path file, String kid) {
        return PemKeyFiles.readPublicKey(file, kid);
    }

    /** {@link #of}, refusing first a key of neither type with the command line's words for a retired key. */
    static PublicVerificationKey retired(String kid, PublicKey key) {
        Objects.requireNonNull(key, "key");
        if (!"RSA".equals(key.getAlgorithm()) && !isEd25519(key)) {
            throw new IllegalArgumentException(notRetirable(key));
        }
        return of(kid, key);
    }

    static String notRetirable(PublicKey key) {
        return "a retired key must be RSA (RS256) or Ed25519 (EdDSA), not " + describe(key);
    }

    /** Why {@code key} cannot serve {@code algorithm}, for messages; {@code null} when it can. */
    static String unsuitability(String algorithm, PublicKey key) {
        switch (algorithm) {
            case RS256 -> {
                if (!(key instanceof RSAPublicKey rsa)) {
                    return "RS256 needs an RSA key, not " + describe(key);
                }
                int bits = rsa.getModulus().bitLength();
                return bits < MIN_RSA_BITS
                        ? "the RSA key has " + bits + " bits; RS256 needs at least " + MIN_RSA_BITS : null;
            }
            case EDDSA -> {
                return isEd25519(key) ? null : "EdDSA needs an Ed25519 key, not " + describe(key);
            }
            default -> {
                return "unsupported asymmetric JWT algorithm '" + algorithm + "'; expected RS256 or EdDSA";
            }
        }
    }

    private static void requireSuitable(String algorithm, PublicKey key) {
        String problem = unsuitability(algorithm, key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    static boolean isEd25519(PublicKey key) {
        return key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
    }

    static String describe(PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return "an " + ed.getParams().getName() + " key";
        }
        return "an " + key.getAlgorithm() + " key";
    }

    /** The length of every signature this key makes, in bytes: a signature of another length is refused unread. */
    int signatureLength() {
        return key instanceof RSAPublicKey rsa ? (rsa.getModulus().bitLength() + 7) / 8 : 64;
    }

    /** The JDK's name of this key's signature algorithm. */
    String jcaAlgorithm() {
        return RS256.equals(algorithm) ? "SHA256withRSA" : "Ed25519";
    }

    /** A {@code Signature} initialized to verify with this key, for one thread. */
    Signature newVerifier() {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm());
            signature.initVerify(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable public key " + this + ": " + e.getMessage(), e);
        }
    }

    /** The public JWK, as the JWKS publishes it: kty, kid, alg, use and the public parameters only. */
    JWK toJwk() {
        return jwk(key, kid);
    }

    private static JWK jwk(PublicKey key, String kid) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        }
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(ed25519Bytes(key)))
                .keyID(kid).algorithm(JWSAlgorithm.EdDSA).keyUse(KeyUse.SIGNATURE).build();
    }

    /** RFC 7638: SHA-256 over the key's required members only, so kid, alg and use do not change it. */
    private static String thumbprint(PublicKey key) {
        try {
            return jwk(key, null).computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The 32-byte RFC 8032 encoding of an Ed25519 public key: the end of its fixed-length X.509 form. */
    static byte[] ed25519Bytes(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length != ED25519_SPKI_LENGTH) {
            throw new IllegalArgumentException("not an X.509-encoded Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_LENGTH - ED25519_KEY_BYTES, ED25519_SPKI_LENGTH);
    }

    /** Public anyway; the id, algorithm and size are what a person needs to tell keys apart. */
    @Override
    public String toString() {
        return "PublicVerificationKey[kid=" + kid + ", algorithm=" + algorithm + ", key=" + describe(key)
                + (key instanceof RSAPublicKey rsa ? " of " + rsa.getModulus().bitLength() + " bits" : "") + "]";
    }
}
