package dev.customertokens.application.port.out;

import java.time.Instant;

/**
 * Server nonces for DPoP proofs (RFC 9449, 8), stateless: every node with the same configuration issues and
 * accepts the same ones, and nothing is stored per nonce. A nonce stays acceptable for at least 60 s and at
 * most 5 minutes after it was issued.
 */
public interface DpopNonces {

    /**
     * The nonce to hand a client at {@code now}.
     *
     * @param now the server's time
     * @return the nonce for the {@code DPoP-Nonce} header
     */
    String issue(Instant now);

    /**
     * Whether {@code nonce} (possibly null) is one this service issued and still accepts at {@code now}.
     *
     * @param nonce the proof's {@code nonce} claim, or null when it has none
     * @param now   the server's time
     * @return true when the nonce is current; false for null
     */
    boolean accepts(String nonce, Instant now);
}
