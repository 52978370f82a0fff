/**
 * DPoP (RFC 9449, CONTRACT 2.7) on Nimbus JOSE+JWT: {@link dev.customertokens.adapters.jwt.dpop.NimbusDpopProofVerifier}
 * reads a proof's header, key and signature with Nimbus's JWK parsing, thumbprints and verifiers (never a
 * hand-written signature check); {@link dev.customertokens.adapters.jwt.dpop.HmacDpopNonces} issues and accepts the
 * stateless server nonces, keyed by the token codec's signing key. What a proof's claims must say about the request
 * is the domain's {@code DpopRules}.
 */
package dev.customertokens.adapters.jwt.dpop;
