package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.JwtSettings.EDDSA;
import static dev.customertokens.adapters.jwt.JwtSettings.RS256;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Locale;
import java.util.Objects;

/**
 * The RS256 or EdDSA key that signs: a private key and its public half, whose id and algorithm tokens carry. The two
 * halves are checked to belong together when the pair is made; {@link #toString()} never shows the private key.
 *
 * @param publicKey  the public half, with the key id and the algorithm
 * @param privateKey the private half
 */
public record SigningKeyPair(PublicVerificationKey publicKey, PrivateKey privateKey) {

    /**
     * Checks that the private key signs what the public key verifies.
     *
     * @param publicKey  the public half, not null
     * @param privateKey the private half, not null
     * @throws NullPointerException     if a half is null
     * @throws IllegalArgumentException if the halves do not belong together
     */
    public SigningKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!belongTogether(publicKey, privateKey)) {
            throw new IllegalArgumentException("the private key does not belong to the public key " + publicKey);
        }
    }

    /**
     * RS256 for an RSA private key (of at least {@value PublicVerificationKey#MIN_RSA_BITS} bits), EdDSA for an
     * Ed25519 one, with the public half derived from the private key as for a PEM file.
     *
     * @param kid        the key id, or {@code null} for the key's RFC 7638 thumbprint
     * @param privateKey the private key, not null
     * @return the pair
     * @throws IllegalArgumentException naming the problem as the command line does for a key file
     */
    public static SigningKeyPair of(String kid, PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        return derive(privateKey instanceof RSAPrivateKey ? RS256 : EDDSA, kid, privateKey, typeOf(privateKey));
    }

    /**
     * The pair of {@code privateKey} and {@code publicKey}, with the algorithm the public key's type implies.
     *
     * @param kid        the key id, or {@code null} for the key's RFC 7638 thumbprint
     * @param privateKey the private half, not null
     * @param publicKey  the public half, not null
     * @return the pair
     * @throws IllegalArgumentException when a key does not suit its algorithm or the halves do not belong together
     */
    public static SigningKeyPair of(String kid, PrivateKey privateKey, PublicKey publicKey) {
        return new SigningKeyPair(PublicVerificationKey.of(kid, publicKey), privateKey);
    }

    /**
     * The unencrypted PKCS#8 PEM private key in {@code file} ({@code openssl genpkey}), for {@code algorithm}.
     *
     * @param file      the PEM file
     * @param algorithm {@code RS256} or {@code EdDSA}, which the key must suit
     * @param kid       the key id, or {@code null} for the key's RFC 7638 thumbprint
     * @return the pair, its public half derived from the private key
     * @throws KeyFileException naming the file and the problem
     */
    public static SigningKeyPair fromPemFile(Path file, String algorithm, String kid) {
        return PemKeyFiles.readPrivateKey(file, algorithm, kid);
    }

    /**
     * The key id tokens carry in their {@code kid} header.
     *
     * @return the public half's id, never null
     */
    public String kid() {
        return publicKey.kid();
    }

    /**
     * The algorithm tokens carry in their {@code alg} header.
     *
     * @return {@code RS256} or {@code EdDSA}
     */
    public String algorithm() {
        return publicKey.algorithm();
    }

    /**
     * The pair of {@code privateKey}, of JCA type {@code type}, with its derived public half.
     *
     * @throws IllegalArgumentException naming the problem, worded as it follows a file name in a message
     */
    static SigningKeyPair derive(String algorithm, String kid, PrivateKey privateKey, String type) {
        PublicKey publicKey;
        try {
            publicKey = publicHalf(type, privateKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the public half of the " + type + " key cannot be derived: " + e);
        }
        if (publicKey == null) {
            throw new IllegalArgumentException(algorithm + " needs " + (RS256.equals(algorithm) ? "an RSA"
                    : "an Ed25519") + " private key, not a key of type " + type);
        }
        String problem = PublicVerificationKey.unsuitability(algorithm, publicKey);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new SigningKeyPair(new PublicVerificationKey(kid, algorithm, publicKey), privateKey);
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

    /** The type's name as a key file reader names it: {@code RSA}, {@code Ed25519}, {@code X25519}, {@code EC}... */
    private static String typeOf(PrivateKey key) {
        if (key instanceof EdECPrivateKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof XECPrivateKey xec && xec.getParams() instanceof NamedParameterSpec named) {
            return named.getName();
        }
        return key.getAlgorithm();
    }

    /** The public key of an RSA or Ed25519 private key; {@code null} for the other types. */
    private static PublicKey publicHalf(String type, PrivateKey privateKey) throws GeneralSecurityException {
        switch (type.toUpperCase(Locale.ROOT)) {
            case "RSA" -> {
                if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                    throw new GeneralSecurityException("an RSA private key without its CRT parameters");
                }
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            }
            case "ED25519" -> {
                byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                        .orElseThrow(() -> new GeneralSecurityException("the private key bytes are not accessible"));
                // The JDK derives an Ed25519 public key only while generating a pair, from the random bytes it draws:
                // handing it the private key's 32 bytes as those makes it derive this key's public half.
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
                return generator.generateKeyPair().getPublic();
            }
            default -> {
                return null;
            }
        }
    }

    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    /** Never shows the private key. */
    @Override
    public String toString() {
        return "SigningKeyPair[" + publicKey + ", privateKey=(hidden)]";
    }
}
