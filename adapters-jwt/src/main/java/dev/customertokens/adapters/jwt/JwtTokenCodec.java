package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.StrictJson.invalid;

import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.application.port.out.TokenCodec;
import dev.customertokens.domain.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The {@link TokenCodec} of customer tokens: compact JWS signed with {@code HS256} (the default), {@code RS256} or
 * {@code EdDSA} (CONTRACT 2.1, 2.4). Issued tokens carry the seed's header and nine claims in the seed's order (then
 * {@code cnf} when bound), and signing is deterministic, so a replayed successor is the same token byte for byte.
 * Reading is strict: whatever the input, {@link #verify} throws nothing but {@link InvalidTokenException}.
 * Immutable; safe to share between threads.
 */
public final class JwtTokenCodec implements TokenCodec {

    /** The longest token looked at, in characters (8 KiB). */
    public static final int MAX_TOKEN_LENGTH = StrictJson.MAX_TOKEN_LENGTH;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Stands for the header bytes of a token that carries the codec's own header segment. */
    private static final byte[] ISSUED = {};

    private final KeyRing keys;
    private final ClaimsJson claims;
    private final String headerSegment;
    /** What {@link #headerSegment} parses to: most tokens presented carry it, and need not be decoded for it. */
    private final JwsHeader issuedHeader;

    /**
     * Parses every key once.
     *
     * @param settings the keys, subject hash and trusted issuers, not null
     * @throws IllegalArgumentException when a key cannot be used (the settings validate everything else)
     */
    public JwtTokenCodec(JwtSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.keys = new KeyRing(settings);
        this.claims = new ClaimsJson(settings.subjectHash(), settings.trustedIssuerOrigins());
        byte[] header = JwsHeader.render(settings.algorithm(), settings.signingKeyId());
        this.headerSegment = BASE64URL.encodeToString(header);
        try {
            this.issuedHeader = JwsHeader.parse(header);
        } catch (InvalidTokenException e) {
            throw new IllegalStateException("the header this codec writes does not read back", e);
        }
    }

    /**
     * The JWK Set (RFC 7517) that {@code GET /.well-known/jwks.json} serves: the public JWK of the signing key and
     * of every retired RS256 or EdDSA key, never a private or symmetric part; {@code {"keys":[]}} when there is none.
     *
     * @return the JSON document, the same on every call
     */
    public String jwks() {
        return keys.jwks();
    }

    /**
     * Signs exactly the nine claims (and {@code cnf} for a bound session), under the header {@code {"typ":"JWT","alg":"HS256"}} (the seed's) or that of the
     * signing key's algorithm, with {@code ,"kid":"<id>"} appended when the key has an id.
     *
     * @throws IllegalArgumentException when the claims would not verify: an empty string claim, a {@code prv} other
     *                                  than the subject hash, an untrusted {@code iss}, or a token over 8 KiB
     */
    @Override
    public String sign(TokenClaims tokenClaims) {
        Objects.requireNonNull(tokenClaims, "claims");
        claims.requireVerifiable(tokenClaims);
        String signingInput = headerSegment + '.' + BASE64URL.encodeToString(ClaimsJson.write(tokenClaims));
        byte[] signature = keys.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + '.' + BASE64URL.encodeToString(signature);
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the signed token would be " + token.length()
                    + " characters long; at most " + MAX_TOKEN_LENGTH + " are accepted");
        }
        return token;
    }

    /**
     * The claims of a token this codec would have signed. Refused, in this order: over {@value #MAX_TOKEN_LENGTH}
     * characters; not three non-empty strict base64url segments; a header that is not strict JSON or names its own key
     * or {@code crit}; an {@code alg} other than that of the key the {@code kid} selects; a signature of another
     * length or value; claims missing, of the wrong type, or with an untrusted {@code iss} or another {@code prv}. Times are the domain's to check: an expired token stays
     * refreshable.
     */
    @Override
    public TokenClaims verify(String token) throws InvalidTokenException {
        try {
            return verifyStrictly(token);
        } catch (InvalidTokenException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever the input, nothing but InvalidTokenException leaves verify (CONTRACT 1.4: never a 500).
            throw invalid("token rejected: " + e.getClass().getName());
        }
    }

    private TokenClaims verifyStrictly(String token) throws InvalidTokenException {
        if (token == null) {
            throw invalid("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("token is " + token.length() + " characters long; at most " + MAX_TOKEN_LENGTH);
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw invalid("token is not three dot-separated segments");
        }
        boolean issuedHeaderSegment = firstDot == headerSegment.length() && token.startsWith(headerSegment);
        // the codec's own header segment is strict base64url of a header already read: nothing to decode
        byte[] header = issuedHeaderSegment ? ISSUED : Base64Url.decode(token, 0, firstDot);
        byte[] payload = Base64Url.decode(token, firstDot + 1, secondDot);
        byte[] signature = Base64Url.decode(token, secondDot + 1, token.length());
        if (header == null || payload == null || signature == null) {
            throw invalid((header == null ? "header" : payload == null ? "payload" : "signature")
                    + " segment is empty or not strict base64url");
        }

        JwsHeader jwsHeader = issuedHeaderSegment ? issuedHeader : JwsHeader.parse(header);
        // The segments are base64url, hence ASCII: the signing input is their chars as bytes.
        byte[] signingInput = new byte[secondDot];
        for (int i = 0; i < secondDot; i++) {
            signingInput[i] = (byte) token.charAt(i);
        }
        keys.requireSignature(jwsHeader, signingInput, signature);
        return claims.read(payload);
    }
}
