package dev.customertokens.testkit;

import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.application.port.out.TokenCodec;
import dev.customertokens.domain.TokenClaims;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tokens as opaque names for their claims, for use-case tests: signing and verifying are the JWT adapter's business. */
public final class NamingCodec implements TokenCodec {

    private final Map<String, TokenClaims> claimsByToken = new ConcurrentHashMap<>();

    @Override
    public String sign(TokenClaims claims) {
        String token = "token-" + claims.jti();
        claimsByToken.put(token, claims);
        return token;
    }

    @Override
    public TokenClaims verify(String token) throws InvalidTokenException {
        TokenClaims claims = claimsByToken.get(token);
        if (claims == null) {
            throw new InvalidTokenException("unknown token");
        }
        return claims;
    }

    /**
     * The claims {@code token} was last signed from, or null.
     *
     * @param token a token this codec returned
     * @return its claims, or null when it never did or forgot it
     */
    public TokenClaims claimsOf(String token) {
        return claimsByToken.get(token);
    }

    /**
     * Forgets {@code token}, so that a test can tell whether it is signed again.
     *
     * @param token a token this codec returned; it no longer verifies until it is signed again
     */
    public void forget(String token) {
        claimsByToken.remove(token);
    }
}
