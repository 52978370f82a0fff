package dev.customertokens.application.port.out;

import dev.customertokens.domain.TokenClaims;

/** Signs and verifies compact JWS tokens. */
public interface TokenCodec {

    /**
     * Signs the claims with the signing key. Signatures are deterministic: the same claims signed with the
     * same key give the same token, byte for byte, which is what lets a replay sign again instead of storing
     * the token.
     *
     * @param claims the claims to issue
     * @return the compact JWS
     */
    String sign(TokenClaims claims);

    /**
     * Checks everything about a token that does not depend on time or on stored state: its form and size,
     * algorithm, key, signature, the presence and type of every claim, the subject hash and the issuer.
     *
     * @param token the token as presented
     * @return its claims, for the rules of time and session to judge
     * @throws InvalidTokenException when any of those is wrong
     */
    TokenClaims verify(String token) throws InvalidTokenException;
}
