package dev.customertokens.adapters.jwt;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of {@link JwtTokenCodec}.
 *
 * <p>Key rules (see {@link JwtTokenCodec} for how they are used when verifying):
 * <ul>
 *   <li>{@code keys} is not empty; key ids are unique; any number of keys may be without id.</li>
 *   <li>{@code signingKeyId} names the key that signs. When it is {@code null}, the first key without id signs
 *       (and there must be one).</li>
 * </ul>
 *
 * @param algorithm            {@code HS256} (the default, also when {@code null}), {@code HS384} or {@code HS512}:
 *                             the only {@code alg} issued and accepted
 * @param keys                 every key a token may be verified with, the signing key included
 * @param signingKeyId         the id of the signing key, or {@code null} for the first key without id
 * @param subjectHash          the {@code prv} claim issued and required
 * @param trustedIssuerOrigins the origins ({@code scheme://host[:port]}) whose {@code iss} is accepted; normalized
 *                             by {@link IssuerOrigins#normalize(String)}
 */
public record JwtSettings(
        String algorithm,
        List<JwtKey> keys,
        String signingKeyId,
        String subjectHash,
        Set<String> trustedIssuerOrigins) {

    public static final String DEFAULT_ALGORITHM = "HS256";

    /** The seed's {@code prv}: tymon/jwt-auth's hash of the customer model class. */
    public static final String DEFAULT_SUBJECT_HASH = "cc32921a15480a117d9bbc72c0e1256a6852458b";

    private static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512");

    public JwtSettings {
        algorithm = algorithm == null ? DEFAULT_ALGORITHM : algorithm;
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unsupported JWT algorithm '" + algorithm
                    + "'; expected one of HS256, HS384, HS512");
        }
        Objects.requireNonNull(keys, "keys");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one JWT key is required");
        }
        Set<String> kids = new HashSet<>();
        boolean anyWithoutId = false;
        for (JwtKey key : keys) {
            if (key.kid() == null) {
                anyWithoutId = true;
            } else if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("duplicate JWT key id '" + key.kid() + "'");
            }
        }
        if (signingKeyId == null ? !anyWithoutId : !kids.contains(signingKeyId)) {
            throw new IllegalArgumentException(signingKeyId == null
                    ? "no signing key: signingKeyId is null and every key has an id"
                    : "the signing key id '" + signingKeyId + "' is not among the keys");
        }
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

    /** The common case: HS256 with one key without id, the {@code JWT_SECRET} string. */
    public static JwtSettings hs256(String secret, String subjectHash, Set<String> trustedIssuerOrigins) {
        return new JwtSettings(DEFAULT_ALGORITHM, List.of(JwtKey.withoutId(secret)), null, subjectHash,
                trustedIssuerOrigins);
    }

    /** The key that signs. */
    public JwtKey signingKey() {
        for (JwtKey key : keys) {
            if (Objects.equals(key.kid(), signingKeyId)) {
                return key;
            }
        }
        throw new IllegalStateException("unreachable: checked in the constructor");
    }
}
