package dev.customertokens.application.port.out;

import java.time.Instant;

/**
 * Server nonces for DPoP proofs (RFC 9449, 8), stateless: every node with the same configuration issues and
 * accepts the same ones, and nothing is stored per nonce. A nonce stays acceptable for at least 60 s and at
 * most 5 minutes after it was issued.
 */
public interface DpopNonces {

    /** The nonce to hand a client at {@code now}. */
    String issue(Instant now);

    /** Whether {@code nonce} (possibly null) is one this service issued and still accepts at {@code now}. */
    boolean accepts(String nonce, Instant now);
}
