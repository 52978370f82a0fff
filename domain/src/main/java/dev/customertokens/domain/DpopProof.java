package dev.customertokens.domain;

import java.util.Objects;

/**
 * A DPoP proof (RFC 9449) whose form, algorithm and signature were checked with the public key it carries:
 * what the rules of CONTRACT 2.7 still look at.
 *
 * @param jkt   the thumbprint of the key that signed it
 * @param jti   the proof's own id, which may be used once within the skew window
 * @param htm   the HTTP method it was made for
 * @param htu   the URL it was made for
 * @param iat   when the client made it, in epoch seconds
 * @param ath   the hash of the access token it claims to accompany, or null when it names none
 * @param nonce the server nonce it carries, or null
 */
public record DpopProof(KeyThumbprint jkt, String jti, String htm, String htu, long iat, String ath, String nonce) {
    /**
     * Checks that the claims every proof has are present; what they say is for {@link DpopRules}.
     *
     * @param jkt   the thumbprint of the key that signed it, not null
     * @param jti   the proof's id, not null
     * @param htm   the HTTP method, not null
     * @param htu   the URL, not null
     * @param iat   when the client made it, in epoch seconds
     * @param ath   the access token's hash, or null
     * @param nonce the server nonce, or null
     * @throws NullPointerException if {@code jkt}, {@code jti}, {@code htm} or {@code htu} is null
     */
    public DpopProof {
        Objects.requireNonNull(jkt, "jkt");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(htm, "htm");
        Objects.requireNonNull(htu, "htu");
    }
}
