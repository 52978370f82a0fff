package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.Hs256Secret;
import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.KeyFileException;
import dev.customertokens.adapters.jwt.PublicVerificationKey;
import dev.customertokens.adapters.jwt.SigningKeyPair;
import dev.customertokens.bootstrap.datafolder.JwtSecretFile;

import javax.crypto.SecretKey;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The token keys as they were given (CONTRACT 2.4, 3): one way to sign and any retired keys, each as an object or a
 * file. Checked for consistency when built; files are read, and a missing HS256 secret generated in the data
 * folder, only when the library opens ({@link #resolve}).
 *
 * @param algorithm             {@code HS256}, {@code RS256} or {@code EdDSA}
 * @param keyId                 the signing key's {@code kid}, or null (HS256: none; asymmetric: the thumbprint)
 * @param secret                the HS256 signing secret, or null to use the one kept in the data folder
 * @param keyPair               the RS256/EdDSA signing key as objects, or null
 * @param privateKeyFile        the RS256/EdDSA signing key as a PKCS#8 PEM file, or null
 * @param retiredSecrets        retired HS256 secrets, still accepted
 * @param retiredPublicKeys     retired RS256 and EdDSA public keys, still accepted
 * @param retiredPublicKeyFiles retired public keys as PEM files
 */
public record SigningKeys(String algorithm, String keyId, Hs256Secret secret, SigningKeyPair keyPair,
                          Path privateKeyFile, List<Hs256Secret> retiredSecrets,
                          List<PublicVerificationKey> retiredPublicKeys, List<RetiredPublicKeyFile> retiredPublicKeyFiles) {

    /**
     * A retired RS256 or EdDSA public key in a PEM file (X.509 SubjectPublicKeyInfo).
     *
     * @param kid  the key id, or null for the key's RFC 7638 thumbprint
     * @param file the PEM file, read when the library opens
     */
    public record RetiredPublicKeyFile(String kid, Path file) {
        /**
         * Checks that the file is named.
         *
         * @param kid  the key id, or null
         * @param file the PEM file, not null
         * @throws NullPointerException if {@code file} is null
         */
        public RetiredPublicKeyFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Copies the lists and makes the private key file's path absolute; consistency is checked by the builder.
     *
     * @param algorithm             the algorithm, not null
     * @param keyId                 the signing key's id, or null
     * @param secret                the HS256 signing secret, or null
     * @param keyPair               the RS256/EdDSA signing key, or null
     * @param privateKeyFile        the RS256/EdDSA signing key file, or null
     * @param retiredSecrets        retired HS256 secrets, not null
     * @param retiredPublicKeys     retired public keys, not null
     * @param retiredPublicKeyFiles retired public key files, not null
     * @throws NullPointerException if {@code algorithm} or a list is null
     */
    public SigningKeys {
        Objects.requireNonNull(algorithm, "algorithm");
        retiredSecrets = List.copyOf(retiredSecrets);
        retiredPublicKeys = List.copyOf(retiredPublicKeys);
        retiredPublicKeyFiles = List.copyOf(retiredPublicKeyFiles);
        privateKeyFile = privateKeyFile == null ? null : privateKeyFile.toAbsolutePath().normalize();
    }

    /**
     * The keys as a builder was given them, checked for consistency: one way to sign, of the algorithm named
     * (or, with no algorithm named, the one a private key's type implies, else HS256).
     *
     * @throws ConfigurationException naming the flag of the setting that cannot work
     */
    static SigningKeys checked(String jwtAlgorithm, String keyId, byte[] secret, SecretKey secretKey,
                               PrivateKey privateKey, PublicKey publicKey, Path privateKeyFile,
                               List<Hs256Secret> retiredSecrets, List<PublicVerificationKey> retiredPublicKeys,
                               List<RetiredPublicKeyFile> retiredPublicKeyFiles) {
        String algorithm = algorithm(jwtAlgorithm, privateKey);
        Hs256Secret signingSecret = null;
        SigningKeyPair keyPair = null;
        if (algorithm.equals(JwtSettings.HS256)) {
            if (privateKeyFile != null || privateKey != null) {
                throw new ConfigurationException("--jwt-private-key-file is for --jwt-algorithm RS256 or EdDSA; "
                        + "the algorithm is HS256");
            }
            try {
                if (secret != null) {
                    Hs256Secret.requireLongEnough(secret, "--jwt-secret (CUSTOMER_TOKENS_JWT_SECRET)");
                    signingSecret = new Hs256Secret(keyId, secret);
                } else if (secretKey != null) {
                    signingSecret = Hs256Secret.of(keyId, secretKey);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        } else {
            if (privateKeyFile == null && privateKey == null) {
                throw new ConfigurationException("--jwt-algorithm " + algorithm + " needs --jwt-private-key-file "
                        + "(CUSTOMER_TOKENS_JWT_PRIVATE_KEY_FILE): the PKCS#8 PEM private key that signs");
            }
            if (secret != null || secretKey != null) {
                throw new ConfigurationException("--jwt-secret (CUSTOMER_TOKENS_JWT_SECRET) is the HS256 signing key, "
                        + "but --jwt-algorithm is " + algorithm + "; to keep accepting the tokens it signed, list it in "
                        + "--jwt-previous-secrets-file as '=secret' (or 'kid=secret' if it had a kid)");
            }
            if (privateKey != null) {
                try {
                    keyPair = publicKey == null ? SigningKeyPair.of(keyId, privateKey)
                            : SigningKeyPair.of(keyId, privateKey, publicKey);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("the signing key: " + e.getMessage());
                }
            }
        }
        return new SigningKeys(algorithm, keyId, signingSecret, keyPair, privateKeyFile, retiredSecrets,
                retiredPublicKeys, retiredPublicKeyFiles);
    }

    private static String algorithm(String named, PrivateKey privateKey) {
        if (named == null) {
            if (privateKey == null) {
                return JwtSettings.HS256;
            }
            return privateKey instanceof RSAPrivateKey ? JwtSettings.RS256 : JwtSettings.EDDSA;
        }
        return JwtSettings.ALGORITHMS.stream().filter(a -> a.equalsIgnoreCase(named.strip())).findFirst()
                .orElseThrow(() -> new ConfigurationException("--jwt-algorithm (CUSTOMER_TOKENS_JWT_ALGORITHM) must "
                        + "be HS256, RS256 or EdDSA, not '" + named + "'"));
    }

    /**
     * Whether tokens are signed with an RS256 or EdDSA private key rather than an HS256 secret.
     *
     * @return true unless the algorithm is HS256
     */
    public boolean asymmetric() {
        return !JwtSettings.HS256.equals(algorithm);
    }

    /**
     * With the HS256 signing secret given (the one generated in the data folder, once read).
     *
     * @param generated the signing secret
     * @return new keys, the rest unchanged
     */
    public SigningKeys withSecret(Hs256Secret generated) {
        return new SigningKeys(algorithm, keyId, generated, keyPair, privateKeyFile, retiredSecrets, retiredPublicKeys,
                retiredPublicKeyFiles);
    }

    /**
     * The keys with what they name read once: a missing HS256 secret from (or generated in) {@code dataFolder},
     * an RS256/EdDSA signing key from its file. Retired public key files are read by {@link #toJwtSettings}.
     *
     * @param dataFolder where the generated secret is kept
     * @return these keys when nothing was missing, else new keys with the secret or the signing key
     * @throws ConfigurationException when the secret cannot be read or written, or the key file cannot be used
     */
    public SigningKeys resolve(Path dataFolder) {
        if (asymmetric()) {
            return keyPair != null ? this : new SigningKeys(algorithm, keyId, secret, signingKeyPair(), privateKeyFile,
                    retiredSecrets, retiredPublicKeys, retiredPublicKeyFiles);
        }
        if (secret != null) {
            return this;
        }
        try {
            return withSecret(Hs256Secret.of(keyId, JwtSecretFile.readOrCreate(dataFolder)));
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /**
     * The codec's settings; the keys must be {@link #resolve resolved}. Reads every key file.
     *
     * @param subjectHash          the {@code prv} claim issued and required
     * @param trustedIssuerOrigins the origins whose {@code iss} is accepted
     * @return the codec's settings
     * @throws ConfigurationException naming the file and the problem when a key file cannot be used
     */
    public JwtSettings toJwtSettings(String subjectHash, Set<String> trustedIssuerOrigins) {
        JwtSettings.Builder jwt = JwtSettings.builder().subjectHash(subjectHash).trustedIssuers(trustedIssuerOrigins);
        retiredSecrets.forEach(jwt::acceptAlso);
        retiredPublicKeys.forEach(jwt::acceptAlso);
        try {
            for (RetiredPublicKeyFile retired : retiredPublicKeyFiles) {
                jwt.acceptAlso(PublicVerificationKey.fromPemFile(retired.file(), retired.kid()));
            }
        } catch (KeyFileException e) {
            throw new ConfigurationException("JWT key file " + e.getMessage());
        }
        if (asymmetric()) {
            jwt.signWith(signingKeyPair());
        } else {
            jwt.signWith(Objects.requireNonNull(secret, "the keys are not resolved"));
        }
        try {
            return jwt.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("JWT keys: " + e.getMessage());
        }
    }

    /**
     * The RS256/EdDSA signing key: the one given or {@link #resolve resolved}, else read from its file.
     *
     * @return the signing key
     * @throws ConfigurationException naming the file and the problem when it cannot be used
     */
    public SigningKeyPair signingKeyPair() {
        if (keyPair != null) {
            return keyPair;
        }
        try {
            return SigningKeyPair.fromPemFile(privateKeyFile, algorithm, keyId);
        } catch (KeyFileException e) {
            throw new ConfigurationException("--jwt-private-key-file " + e.getMessage());
        }
    }

    /** Never shows a secret or a private key. */
    @Override
    public String toString() {
        return "SigningKeys[algorithm=" + algorithm + ", keyId=" + keyId + ", secret=" + (secret == null ? "generated" : "***")
                + ", keyPair=" + (keyPair == null ? null : keyPair.publicKey()) + ", privateKeyFile=" + privateKeyFile
                + ", retiredSecrets=" + retiredSecrets + ", retiredPublicKeys=" + retiredPublicKeys
                + ", retiredPublicKeyFiles=" + retiredPublicKeyFiles + "]";
    }
}
