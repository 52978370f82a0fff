package dev.customertokens.domain;

import java.util.Objects;

/**
 * A DPoP proof (RFC 9449) whose form, algorithm and signature were checked with the public key it carries:
 * what the rules of CONTRACT 2.7 still look at.
 *
 * @param jkt   the thumbprint of the key that signed it
 * @param iat   when the client made it, in epoch seconds
 * @param ath   the hash of the access token it claims to accompany, or null when it names none
 * @param nonce the server nonce it carries, or null
 */
public record DpopProof(KeyThumbprint jkt, String jti, String htm, String htu, long iat, String ath, String nonce) {
    public DpopProof {
        Objects.requireNonNull(jkt, "jkt");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(htm, "htm");
        Objects.requireNonNull(htu, "htu");
    }
}
