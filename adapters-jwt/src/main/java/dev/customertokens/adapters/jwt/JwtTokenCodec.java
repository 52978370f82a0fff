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
 * {@code EdDSA} (CONTRACT 2.1, 2.4), read strictly (1.4 {@code token_invalid}). The work is split by job: {@link
 * KeyRing} (which key, pinned to which algorithm, signing and verifying through the JDK's {@code Mac} and {@code
 * Signature}) and {@link JwsHeader} and {@link ClaimsJson} (the two JSON parts).
 *
 * <h2>Issued tokens</h2>
 * The header is exactly {@code {"typ":"JWT","alg":"HS256"}} (the seed's), with {@code ,"kid":"<id>"} appended when the
 * signing key has an id (an RS256 or EdDSA key always has one). The payload is exactly the seed's nine claims in the
 * seed's order. Every algorithm offered is deterministic: {@link #sign} is a pure function of the claims and the key,
 * so a replayed successor is signed again byte for byte. {@link #sign} refuses (with {@link IllegalArgumentException})
 * claims that {@link #verify} would refuse, so a misconfiguration shows at issue time.
 *
 * <h2>What {@link #verify} refuses</h2>
 * Checked in this order, every failure an {@link InvalidTokenException} (never anything else, whatever the input):
 * longer than {@value #MAX_TOKEN_LENGTH} characters (before any parsing); not exactly three dot-separated, non-empty
 * segments; a segment that is not strict base64url; a header that {@link JwsHeader#parse} refuses ({@code crit},
 * {@code jku}, {@code jwk}, {@code x5u}, {@code x5c} included); {@code alg} {@code none} in any case, or other than the
 * algorithm of the key that {@link KeyRing} selects; an unknown {@code kid}; a signature of the wrong length or that
 * does not match (HMACs compared in constant time); a payload that {@link ClaimsJson#read} refuses. Times are
 * <em>not</em> checked: the domain does that (an expired token stays refreshable).
 *
 * <h2>Threads and cost</h2>
 * Immutable after construction and safe to share without a lock: every key is parsed once, here, and each thread
 * keeps its own initialized {@code Mac} or {@code Signature} per key. Per call, {@code sign} and {@code verify} make
 * one MAC or signature (one per candidate key for a token without {@code kid}) and a streaming JSON read or write.
 */
public final class JwtTokenCodec implements TokenCodec {

    /** The longest token looked at, in characters (8 KiB). */
    public static final int MAX_TOKEN_LENGTH = StrictJson.MAX_TOKEN_LENGTH;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyRing keys;
    private final ClaimsJson claims;
    private final String headerSegment;

    /**
     * Parses every key once.
     *
     * @throws IllegalArgumentException when a key cannot be used (the settings validate everything else)
     */
    public JwtTokenCodec(JwtSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.keys = new KeyRing(settings);
        this.claims = new ClaimsJson(settings.subjectHash(), settings.trustedIssuerOrigins());
        this.headerSegment = BASE64URL.encodeToString(JwsHeader.render(settings.algorithm(),
                settings.signingKeyId()));
    }

    /**
     * The JWK Set (RFC 7517) that {@code GET /.well-known/jwks.json} serves: the public JWK of the signing key and
     * of every retired RS256 or EdDSA key, never a private or symmetric part; {@code {"keys":[]}} when there is none.
     */
    public String jwks() {
        return keys.jwks();
    }

    /**
     * Signs exactly the nine claims.
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
        byte[] header = Base64Url.decode(token, 0, firstDot);
        byte[] payload = Base64Url.decode(token, firstDot + 1, secondDot);
        byte[] signature = Base64Url.decode(token, secondDot + 1, token.length());
        if (header == null || payload == null || signature == null) {
            throw invalid((header == null ? "header" : payload == null ? "payload" : "signature")
                    + " segment is empty or not strict base64url");
        }

        JwsHeader jwsHeader = JwsHeader.parse(header);
        // The segments are base64url, hence ASCII: the signing input is their chars as bytes.
        byte[] signingInput = new byte[secondDot];
        for (int i = 0; i < secondDot; i++) {
            signingInput[i] = (byte) token.charAt(i);
        }
        keys.requireSignature(jwsHeader, signingInput, signature);
        return claims.read(payload);
    }
}
