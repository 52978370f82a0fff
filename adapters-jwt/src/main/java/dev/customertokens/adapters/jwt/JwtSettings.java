package dev.customertokens.adapters.jwt;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Configuration of {@link JwtTokenCodec}, best made with {@link #builder()}: one signing key, any number of retired
 * keys that still verify, the {@code prv} claim and the trusted issuer origins. Checked when made: the signing key is
 * of the configured algorithm, key ids are unique across all keys, origins are in normal form.
 *
 * @param algorithm            {@code HS256} (the default, also when {@code null}), {@code RS256} or {@code EdDSA}
 * @param secrets              HS256 secrets: under HS256 every secret a token may be verified with, the signing one
 *                             included; otherwise the retired ones. Any number may be without id
 * @param signingKeyId         under HS256 the id of the signing secret, {@code null} for the first secret without id;
 *                             otherwise {@code null} or the signing pair's id
 * @param subjectHash          the {@code prv} claim issued and required
 * @param trustedIssuerOrigins the origins ({@code scheme://host[:port]}) whose {@code iss} is accepted; normalized
 *                             by {@link IssuerOrigins#normalize(String)}
 * @param signingKeyPair       the RS256 or EdDSA signing key; {@code null} under HS256
 * @param publicKeys           retired RS256 and EdDSA keys; one equal to the signing key's public half is dropped
 */
public record JwtSettings(
        String algorithm,
        List<Hs256Secret> secrets,
        String signingKeyId,
        String subjectHash,
        Set<String> trustedIssuerOrigins,
        SigningKeyPair signingKeyPair,
        List<PublicVerificationKey> publicKeys) {

    /** HMAC with SHA-256 and a shared secret: the seed's algorithm and the default. */
    public static final String HS256 = "HS256";

    /** RSASSA-PKCS1-v1_5 with SHA-256 and an RSA key of at least 2048 bits. */
    public static final String RS256 = "RS256";

    /** Ed25519 signatures (RFC 8037). */
    public static final String EDDSA = "EdDSA";

    /** The algorithm unless configured otherwise: {@link #HS256}. */
    public static final String DEFAULT_ALGORITHM = HS256;

    /** The seed's {@code prv}: tymon/jwt-auth's hash of the customer model class. */
    public static final String DEFAULT_SUBJECT_HASH = "cc32921a15480a117d9bbc72c0e1256a6852458b";

    /** The algorithms offered (CONTRACT 2.4): all deterministic, so a re-signed successor is byte-identical. */
    public static final List<String> ALGORITHMS = List.of(HS256, RS256, EDDSA);

    /**
     * Checks the settings as a whole and normalizes them: the default algorithm for null, origins in normal
     * form, the signing key's id filled in under RS256 and EdDSA, a retired key equal to the signing key's
     * public half dropped. The lists and set are copied.
     *
     * @param algorithm            {@code HS256}, {@code RS256}, {@code EdDSA}, or null for HS256
     * @param secrets              HS256 secrets, not null; under HS256 at least one
     * @param signingKeyId         the signing key's id, or null as described for the record
     * @param subjectHash          the {@code prv} claim, not null or blank
     * @param trustedIssuerOrigins at least one origin, not null
     * @param signingKeyPair       the RS256 or EdDSA signing key of the configured algorithm; null under HS256
     * @param publicKeys           retired public keys, not null
     * @throws NullPointerException     if {@code secrets}, {@code publicKeys} or {@code trustedIssuerOrigins} is
     *                                  null
     * @throws IllegalArgumentException if the settings cannot work: an unknown algorithm, no or a second signing
     *                                  key, a key of another algorithm, a duplicate key id, a blank subject hash,
     *                                  no trusted origin or one not in origin form
     */
    public JwtSettings {
        algorithm = algorithm == null ? DEFAULT_ALGORITHM : algorithm;
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported JWT algorithm '" + algorithm
                    + "'; expected one of HS256, RS256, EdDSA");
        }
        secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
        publicKeys = List.copyOf(Objects.requireNonNull(publicKeys, "publicKeys"));
        Set<String> kids = new HashSet<>();
        boolean anyWithoutId = false;
        for (Hs256Secret key : secrets) {
            if (key.kid() == null) {
                anyWithoutId = true;
            } else {
                claimKeyId(kids, key.kid());
            }
        }
        if (algorithm.equals(HS256)) {
            if (signingKeyPair != null) {
                throw new IllegalArgumentException("an HS256 configuration signs with a secret, not with "
                        + signingKeyPair);
            }
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("at least one JWT key is required");
            }
            if (signingKeyId == null ? !anyWithoutId : !kids.contains(signingKeyId)) {
                throw new IllegalArgumentException(signingKeyId == null
                        ? "no signing key: signingKeyId is null and every key has an id"
                        : "the signing key id '" + signingKeyId + "' is not among the keys");
            }
        } else {
            if (signingKeyPair == null) {
                throw new IllegalArgumentException(algorithm + " needs a private signing key");
            }
            if (!signingKeyPair.algorithm().equals(algorithm)) {
                throw new IllegalArgumentException("the signing key is an " + signingKeyPair.algorithm()
                        + " key, but the configured algorithm is " + algorithm);
            }
            if (signingKeyId != null && !signingKeyId.equals(signingKeyPair.kid())) {
                throw new IllegalArgumentException("the signing key id '" + signingKeyId
                        + "' is not the signing key's id '" + signingKeyPair.kid() + "'");
            }
            signingKeyId = signingKeyPair.kid();
            claimKeyId(kids, signingKeyId);
        }
        List<PublicVerificationKey> retired = new ArrayList<>();
        for (PublicVerificationKey key : publicKeys) {
            if (signingKeyPair != null && key.equals(signingKeyPair.publicKey())) {
                continue; // listed as retired while still signing: harmless, and easy to do mid-rotation
            }
            claimKeyId(kids, key.kid());
            retired.add(key);
        }
        publicKeys = List.copyOf(retired);
        if (subjectHash == null || subjectHash.isBlank()) {
            throw new IllegalArgumentException("the subject hash (prv) must not be blank");
        }
        Objects.requireNonNull(trustedIssuerOrigins, "trustedIssuerOrigins");
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : trustedIssuerOrigins) {
            origins.add(IssuerOrigins.normalize(origin));
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted issuer origin is required");
        }
        trustedIssuerOrigins = Set.copyOf(origins);
    }

    /** Adds {@code kid} to the ids taken so far; a key id names one key only. */
    private static void claimKeyId(Set<String> taken, String kid) {
        if (!taken.add(kid)) {
            throw new IllegalArgumentException("duplicate JWT key id '" + kid + "'");
        }
    }

    /**
     * The common case: HS256 with one secret without id, the UTF-8 bytes of {@code JWT_SECRET}.
     *
     * @param secret               the secret text, at least {@value Hs256Secret#MIN_SECRET_BYTES} bytes in UTF-8
     * @param subjectHash          the {@code prv} claim issued and required
     * @param trustedIssuerOrigins the origins whose {@code iss} is accepted, at least one
     * @return the checked settings
     * @throws IllegalArgumentException as the constructor, or for a secret too short
     */
    public static JwtSettings hs256(String secret, String subjectHash, Set<String> trustedIssuerOrigins) {
        return new JwtSettings(HS256, List.of(Hs256Secret.withoutId(secret)), null, subjectHash,
                trustedIssuerOrigins, null, List.of());
    }

    /**
     * An empty builder; the subject hash starts as {@link #DEFAULT_SUBJECT_HASH}.
     *
     * @return a new builder, to be given a signing key and the trusted issuers
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HS256 secret that signs; {@code null} under RS256 or EdDSA.
     *
     * @return the signing secret, or null when a key pair signs
     */
    public Hs256Secret signingKey() {
        if (signingKeyPair != null) {
            return null;
        }
        for (Hs256Secret key : secrets) {
            if (Objects.equals(key.kid(), signingKeyId)) {
                return key;
            }
        }
        throw new IllegalStateException("unreachable: checked in the constructor");
    }

    /**
     * Settings step by step. Key material is checked as it is given, with the words the command line uses for the
     * same key; {@link #build()} checks the whole. Not safe to share between threads.
     */
    public static final class Builder {

        private Hs256Secret signingSecret;
        private SigningKeyPair signingKeyPair;
        private final List<Hs256Secret> retiredSecrets = new ArrayList<>();
        private final List<PublicVerificationKey> retiredPublicKeys = new ArrayList<>();
        private String subjectHash = DEFAULT_SUBJECT_HASH;
        private List<String> trustedIssuers = List.of();

        private Builder() {
        }

        /**
         * Signs HS256 with {@code secret}; a second signing key is an {@link IllegalStateException}.
         *
         * @param secret the signing secret, not null
         * @return this builder
         * @throws IllegalStateException if a signing key was given already
         */
        public Builder signWith(Hs256Secret secret) {
            return signingKey(Objects.requireNonNull(secret, "secret"), null);
        }

        /**
         * Signs RS256 or EdDSA, as the pair says; a second signing key is an {@link IllegalStateException}.
         *
         * @param keyPair the signing key, not null
         * @return this builder
         * @throws IllegalStateException if a signing key was given already
         */
        public Builder signWith(SigningKeyPair keyPair) {
            return signingKey(null, Objects.requireNonNull(keyPair, "keyPair"));
        }

        /**
         * Signs HS256 with the bytes of {@code secret}, without key id: {@link Hs256Secret#of(String, SecretKey)}.
         *
         * @param secret the signing key, its bytes at least {@value Hs256Secret#MIN_SECRET_BYTES}
         * @return this builder
         * @throws IllegalArgumentException if the key gives no bytes or too few
         * @throws IllegalStateException    if a signing key was given already
         */
        public Builder signWith(SecretKey secret) {
            return signWith(Hs256Secret.of(null, secret));
        }

        /**
         * Signs RS256 with an RSA key, EdDSA with an Ed25519 key: {@link SigningKeyPair#of(String, PrivateKey)}.
         *
         * @param privateKey the signing key; its id is its RFC 7638 thumbprint
         * @return this builder
         * @throws IllegalArgumentException if the key is of another type, or an RSA key under 2048 bits
         * @throws IllegalStateException    if a signing key was given already
         */
        public Builder signWith(PrivateKey privateKey) {
            return signWith(SigningKeyPair.of(null, privateKey));
        }

        /**
         * Keeps accepting the tokens of a retired HS256 secret.
         *
         * @param secret the retired secret, not null
         * @return this builder
         */
        public Builder acceptAlso(Hs256Secret secret) {
            retiredSecrets.add(Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /**
         * Keeps accepting the tokens of a retired RS256 or EdDSA key.
         *
         * @param publicKey the retired key, not null
         * @return this builder
         */
        public Builder acceptAlso(PublicVerificationKey publicKey) {
            retiredPublicKeys.add(Objects.requireNonNull(publicKey, "publicKey"));
            return this;
        }

        /**
         * Keeps accepting the tokens of a retired HS256 secret without key id.
         *
         * @param secret the retired key, its bytes at least {@value Hs256Secret#MIN_SECRET_BYTES}
         * @return this builder
         * @throws IllegalArgumentException if the key gives no bytes or too few
         */
        public Builder acceptAlso(SecretKey secret) {
            return acceptAlso(Hs256Secret.of(null, secret));
        }

        /**
         * Keeps accepting the tokens of a retired RSA (RS256) or Ed25519 (EdDSA) key, its id its thumbprint.
         *
         * @param publicKey the retired key
         * @return this builder
         * @throws IllegalArgumentException if the key is of another type, or an RSA key under 2048 bits
         */
        public Builder acceptAlso(PublicKey publicKey) {
            return acceptAlso(PublicVerificationKey.retired(null, publicKey));
        }

        /**
         * The {@code prv} claim issued and required; {@link #DEFAULT_SUBJECT_HASH} unless set.
         *
         * @param subjectHash the hash; checked by {@link #build()}
         * @return this builder
         */
        public Builder subjectHash(String subjectHash) {
            this.subjectHash = subjectHash;
            return this;
        }

        /**
         * The origins ({@code scheme://host[:port]}) whose {@code iss} is accepted; replaces any given before.
         *
         * @param origins the origins; checked by {@link #build()}
         * @return this builder
         */
        public Builder trustedIssuers(String... origins) {
            return trustedIssuers(List.of(origins));
        }

        /**
         * The origins ({@code scheme://host[:port]}) whose {@code iss} is accepted; replaces any given before.
         *
         * @param origins the origins; checked by {@link #build()}
         * @return this builder
         */
        public Builder trustedIssuers(Collection<String> origins) {
            this.trustedIssuers = List.copyOf(origins);
            return this;
        }

        /**
         * The settings, checked as the {@link JwtSettings} constructor checks them.
         *
         * @return the settings
         * @throws IllegalStateException    when no signing key was given
         * @throws IllegalArgumentException when the settings cannot work, as the {@link JwtSettings} constructor
         */
        public JwtSettings build() {
            Set<String> origins = new LinkedHashSet<>(trustedIssuers);
            if (signingKeyPair != null) {
                return new JwtSettings(signingKeyPair.algorithm(), retiredSecrets, null, subjectHash, origins,
                        signingKeyPair, retiredPublicKeys);
            }
            if (signingSecret == null) {
                throw new IllegalStateException("no signing key: call signWith");
            }
            List<Hs256Secret> secrets = new ArrayList<>();
            secrets.add(signingSecret);
            secrets.addAll(retiredSecrets);
            return new JwtSettings(HS256, secrets, signingSecret.kid(), subjectHash, origins, null,
                    retiredPublicKeys);
        }

        private Builder signingKey(Hs256Secret secret, SigningKeyPair keyPair) {
            if (signingSecret != null || signingKeyPair != null) {
                throw new IllegalStateException("a signing key is given already; list the others with acceptAlso");
            }
            signingSecret = secret;
            signingKeyPair = keyPair;
            return this;
        }
    }
}
