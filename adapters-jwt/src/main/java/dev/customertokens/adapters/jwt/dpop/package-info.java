/**
 * DPoP (RFC 9449, CONTRACT 2.7) on Nimbus JOSE+JWT: {@code NimbusDpopProofVerifier} reads a proof's header, key and
 * signature with Nimbus's JWK parsing, thumbprints and verifiers (never a hand-written signature check);
 * {@code HmacDpopNonces} issues and accepts the stateless server nonces, keyed by the codec's signing key. What a
 * proof's claims must say about the request is the domain's {@code DpopRules}. Internal: the library's builder
 * wires them; not public API, and may change in any release.
 */
package dev.customertokens.adapters.jwt.dpop;
