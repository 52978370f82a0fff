package dev.customertokens.application.port.out;

import dev.customertokens.domain.DpopProof;

/**
 * Reads a DPoP proof JWT (RFC 9449): its form, {@code typ}, algorithm, embedded public key and signature.
 * What its claims must say about the request is the domain's {@code DpopRules}.
 */
public interface DpopProofVerifier {

    /** @throws InvalidDpopProofException naming the rule the proof breaks */
    DpopProof verify(String proofJwt) throws InvalidDpopProofException;
}
