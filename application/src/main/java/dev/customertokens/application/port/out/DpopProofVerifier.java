package dev.customertokens.application.port.out;

import dev.customertokens.domain.DpopProof;

/**
 * Reads a DPoP proof JWT (RFC 9449): its form, {@code typ}, algorithm, embedded public key and signature.
 * What its claims must say about the request is the domain's {@code DpopRules}.
 */
public interface DpopProofVerifier {

    /**
     * Reads the proof and checks its signature with the public key it carries.
     *
     * @param proofJwt the {@code DPoP} header's value
     * @return the proof's key thumbprint and claims
     * @throws InvalidDpopProofException naming the rule the proof breaks
     */
    DpopProof verify(String proofJwt) throws InvalidDpopProofException;
}
