package dev.customertokens.adapters.jwt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of {@link JwtTokenCodec}: one signing key, any number of retired keys, each pinned to its algorithm.
 *
 * <p>Key rules (see {@link JwtTokenCodec} for how they are used when verifying):
 * <ul>
 *   <li>Under {@code HS256} the signing key is among {@code keys}: the one named by {@code signingKeyId}, or when
 *       that is {@code null} the first key without id (there must be one); {@code signingKeyPair} is {@code null}.</li>
 *   <li>Under {@code RS256} or {@code EdDSA}, {@code signingKeyPair} signs, with its own id (by default its RFC 7638
 *       thumbprint); {@code signingKeyId} is {@code null} or that id. {@code keys} may then be empty: any HMAC keys
 *       listed are retired HS256 keys, still accepted so that moving from HS256 logs nobody out.</li>
 *   <li>{@code publicKeys} are retired RS256 or EdDSA keys, accepted by their id. A listed key identical to the
 *       signing key's public half (same id and key) is dropped rather than refused.</li>
 *   <li>Key ids are unique across all keys; any number of HMAC keys may be without id.</li>
 * </ul>
 *
 * @param algorithm            {@code HS256} (the default, also when {@code null}), {@code RS256} or {@code EdDSA}: the
 *                             signing key's algorithm
 * @param keys                 HS256 keys: under HS256 every key a token may be verified with, the signing key
 *                             included; otherwise the retired HS256 keys
 * @param signingKeyId         the id of the signing key, or {@code null} (see above)
 * @param subjectHash          the {@code prv} claim issued and required
 * @param trustedIssuerOrigins the origins ({@code scheme://host[:port]}) whose {@code iss} is accepted; normalized
 *                             by {@link IssuerOrigins#normalize(String)}
 * @param signingKeyPair       the RS256 or EdDSA signing key; {@code null} under HS256
 * @param publicKeys           retired RS256 and EdDSA keys
 */
public record JwtSettings(
        String algorithm,
        List<Hs256Secret> keys,
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

    public static final String DEFAULT_ALGORITHM = HS256;

    /** The seed's {@code prv}: tymon/jwt-auth's hash of the customer model class. */
    public static final String DEFAULT_SUBJECT_HASH = "cc32921a15480a117d9bbc72c0e1256a6852458b";

    /** The algorithms offered (CONTRACT 2.4): all deterministic, so a re-signed successor is byte-identical. */
    public static final List<String> ALGORITHMS = List.of(HS256, RS256, EDDSA);

    public JwtSettings {
        algorithm = algorithm == null ? DEFAULT_ALGORITHM : algorithm;
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported JWT algorithm '" + algorithm
                    + "'; expected one of HS256, RS256, EdDSA");
        }
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        publicKeys = List.copyOf(Objects.requireNonNull(publicKeys, "publicKeys"));
        Set<String> kids = new HashSet<>();
        boolean anyWithoutId = false;
        for (Hs256Secret key : keys) {
            if (key.kid() == null) {
                anyWithoutId = true;
            } else if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("duplicate JWT key id '" + key.kid() + "'");
            }
        }
        if (algorithm.equals(HS256)) {
            if (signingKeyPair != null) {
                throw new IllegalArgumentException("an HS256 configuration signs with a secret, not with "
                        + signingKeyPair);
            }
            if (keys.isEmpty()) {
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
            if (!kids.add(signingKeyId)) {
                throw new IllegalArgumentException("duplicate JWT key id '" + signingKeyId + "'");
            }
        }
        List<PublicVerificationKey> retired = new ArrayList<>();
        for (PublicVerificationKey key : publicKeys) {
            if (signingKeyPair != null && key.equals(signingKeyPair.publicKey())) {
                continue; // listed as retired while still signing: harmless, and easy to do mid-rotation
            }
            if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("duplicate JWT key id '" + key.kid() + "'");
            }
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

    /** HS256 keys only, as before asymmetric keys existed. */
    public JwtSettings(String algorithm, List<Hs256Secret> keys, String signingKeyId, String subjectHash,
                       Set<String> trustedIssuerOrigins) {
        this(algorithm, keys, signingKeyId, subjectHash, trustedIssuerOrigins, null, List.of());
    }

    /** The common case: HS256 with one key without id, the {@code JWT_SECRET} string. */
    public static JwtSettings hs256(String secret, String subjectHash, Set<String> trustedIssuerOrigins) {
        return new JwtSettings(DEFAULT_ALGORITHM, List.of(Hs256Secret.withoutId(secret)), null, subjectHash,
                trustedIssuerOrigins);
    }

    /** Signing with an RS256 or EdDSA key; the retired keys of either family stay accepted. */
    public static JwtSettings asymmetric(SigningKeyPair signingKey, List<PublicVerificationKey> retiredPublicKeys,
                                         List<Hs256Secret> retiredSecrets, String subjectHash,
                                         Set<String> trustedIssuerOrigins) {
        Objects.requireNonNull(signingKey, "signingKey");
        return new JwtSettings(signingKey.algorithm(), retiredSecrets, null, subjectHash, trustedIssuerOrigins,
                signingKey, retiredPublicKeys);
    }

    /** The HS256 key that signs; {@code null} under RS256 or EdDSA. */
    public Hs256Secret signingKey() {
        if (signingKeyPair != null) {
            return null;
        }
        for (Hs256Secret key : keys) {
            if (Objects.equals(key.kid(), signingKeyId)) {
                return key;
            }
        }
        throw new IllegalStateException("unreachable: checked in the constructor");
    }
}
