package dev.customertokens.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of CONTRACT 2.7 that a proof must keep beyond its signature: which requests need one, and what
 * its claims must say about this request, this token, this session's key and the time. Pure functions;
 * the messages name the rule broken and never a secret.
 *
 * @param maxSkew how far a proof's {@code iat} may lie from the server's time, either way
 */
public record DpopRules(Duration maxSkew) {

    /** The skew allowed unless configured otherwise ({@code --dpop-max-skew-seconds}). */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(60);
    /** The longest proof {@code jti} accepted, in characters. */
    public static final int MAX_JTI_LENGTH = 128;
    /** The signature algorithms a proof may use, in the order {@code WWW-Authenticate: DPoP algs} lists them. */
    public static final List<String> ALGORITHMS = List.of("ES256", "EdDSA", "RS256", "PS256");

    /**
     * Checks the skew.
     *
     * @param maxSkew how far a proof's {@code iat} may lie from the server's time, positive
     * @throws NullPointerException     if {@code maxSkew} is null
     * @throws IllegalArgumentException if {@code maxSkew} is zero or negative
     */
    public DpopRules {
        Objects.requireNonNull(maxSkew, "maxSkew");
        if (maxSkew.isNegative() || maxSkew.isZero()) {
            throw new IllegalArgumentException("the DPoP clock skew must be positive");
        }
    }

    /**
     * The rules with the default skew.
     *
     * @return rules allowing {@link #DEFAULT_MAX_SKEW}
     */
    public static DpopRules defaults() {
        return new DpopRules(DEFAULT_MAX_SKEW);
    }

    /**
     * Whether a proof is missing where one is needed: a token bound to a key needs the {@code DPoP} scheme and
     * a proof; the {@code DPoP} scheme needs a proof whatever the token.
     *
     * @param tokenBound   whether the token carries a {@code cnf} key
     * @param dpopScheme   whether {@code Authorization} used the {@code DPoP} scheme rather than {@code Bearer}
     * @param proofPresent whether a {@code DPoP} header came with the request
     * @return true when the refresh is refused as {@code dpop_required}
     */
    public boolean proofRequired(boolean tokenBound, boolean dpopScheme, boolean proofPresent) {
        if (tokenBound) {
            return !dpopScheme || !proofPresent;
        }
        return dpopScheme && !proofPresent;
    }

    /**
     * The rule {@code proof} breaks for a refresh of {@code accessToken} at {@code expectedHtu}, at {@code now};
     * empty when it keeps them all. The rules are checked in a fixed order, so the same proof always names
     * the same rule.
     *
     * @param proof       the proof, its signature already checked
     * @param boundTo     the key the token's session is bound to, or null when it is bound to none
     * @param accessToken the token the proof came with, as presented
     * @param expectedHtu the refresh endpoint's URL under the public URL
     * @param now         the server's time
     * @return a message for people naming the broken rule, or empty
     */
    public Optional<String> violation(DpopProof proof, KeyThumbprint boundTo, String accessToken, String expectedHtu,
                                      Instant now) {
        if (proof.jti().isEmpty() || proof.jti().length() > MAX_JTI_LENGTH) {
            return Optional.of("the proof's jti must be 1 to " + MAX_JTI_LENGTH + " characters");
        }
        if (!"GET".equals(proof.htm())) {
            return Optional.of("the proof's htm must be GET");
        }
        if (!sameUrl(proof.htu(), expectedHtu)) {
            return Optional.of("the proof's htu must be " + expectedHtu);
        }
        long skew = Math.abs(proof.iat() - now.getEpochSecond());
        if (skew > maxSkew.toSeconds()) {
            return Optional.of("the proof's iat (" + proof.iat() + ") is more than " + maxSkew.toSeconds()
                    + " s from the server's time (" + now.getEpochSecond() + ")");
        }
        if (proof.ath() == null || !proof.ath().equals(accessTokenHash(accessToken))) {
            return Optional.of("the proof's ath must be the base64url SHA-256 of the access token");
        }
        if (boundTo != null && !boundTo.equals(proof.jkt())) {
            return Optional.of("the proof is signed with a key other than the one the session is bound to");
        }
        return Optional.empty();
    }

    /**
     * Until when a proof's {@code jti} must be remembered: past it the proof is refused for its {@code iat}.
     *
     * @param proof an accepted proof
     * @param now   the server's time
     * @return the first instant at which forgetting the proof's {@code jti} is safe
     */
    public Instant replayWindowEnd(DpopProof proof, Instant now) {
        Instant issued = Instant.ofEpochSecond(proof.iat());
        return (issued.isAfter(now) ? issued : now).plus(maxSkew).plusSeconds(1);
    }

    /**
     * The base64url SHA-256 of the token's ASCII bytes: the {@code ath} a proof carries (RFC 9449, 4.2).
     *
     * @param accessToken the token, as presented
     * @return the hash, base64url without padding
     */
    public static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * RFC 9449 4.3: the URLs without query and fragment, scheme and host compared case-insensitively, a default
     * port the same as none.
     */
    static boolean sameUrl(String htu, String expected) {
        Optional<String> a = normalized(htu);
        return a.isPresent() && a.equals(normalized(expected));
    }

    private static Optional<String> normalized(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
