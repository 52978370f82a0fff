package dev.customertokens.application.port.out;

import dev.customertokens.domain.TokenClaims;

/** Signs and verifies compact JWS tokens. */
public interface TokenCodec {

    String sign(TokenClaims claims);

    /**
     * Checks everything about a token that does not depend on time or on stored state: its form and size,
     * algorithm, key, signature, the presence and type of every claim, the subject hash and the issuer.
     *
     * @throws InvalidTokenException when any of those is wrong
     */
    TokenClaims verify(String token) throws InvalidTokenException;
}
