package dev.customertokens.application.service;

import dev.customertokens.application.port.in.AuthorizationScheme;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.DpopNonces;
import dev.customertokens.application.port.out.DpopProofReplays;
import dev.customertokens.application.port.out.DpopProofVerifier;
import dev.customertokens.application.port.out.InvalidDpopProofException;
import dev.customertokens.domain.DpopProof;
import dev.customertokens.domain.DpopRules;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.TokenClaims;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Step 4a of a refresh (CONTRACT 1.2, 2.7): the DPoP proof, checked right after the token and before any
 * session rule, in the contract's order: presence, then every rule of the proof, then the nonce. Only a
 * proof that passes all of them has its {@code jti} recorded, so a refused proof may be sent again.
 */
public final class DpopProofCheck {

    private final DpopProofVerifier verifier;
    private final DpopProofReplays replays;
    private final DpopNonces nonces;
    private final DpopRules rules;
    private final String expectedHtu;

    /**
     * A check with these ports and rules.
     *
     * @param verifier    reads a proof and checks its signature, not null
     * @param replays     the proofs' {@code jti}s already used, shared by every node; not null
     * @param nonces      the server nonces every proof must carry, or null when nonces are off
     * @param rules       the rules a proof's claims must keep, not null
     * @param expectedHtu the refresh endpoint's URL under the public URL, not null
     * @throws NullPointerException if an argument other than {@code nonces} is null
     */
    public DpopProofCheck(DpopProofVerifier verifier, DpopProofReplays replays, DpopNonces nonces, DpopRules rules,
                          String expectedHtu) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.replays = Objects.requireNonNull(replays, "replays");
        this.nonces = nonces;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.expectedHtu = Objects.requireNonNull(expectedHtu, "expectedHtu");
    }

    /**
     * For a deployment without DPoP: a token without proof works as ever; any proof is refused.
     *
     * @return a check that accepts no proof
     */
    public static DpopProofCheck unsupported() {
        DpopProofVerifier none = proof -> {
            throw new InvalidDpopProofException("DPoP proofs are not accepted by this deployment");
        };
        DpopProofReplays nothing = new DpopProofReplays() {
            @Override
            public boolean recordFirstUse(String jkt, String jti, Instant now, Instant expiresAt) {
                return false;
            }

            @Override
            public boolean wasUsed(String jkt, String jti, Instant now) {
                return false;
            }

            @Override
            public int purgeExpired(Instant now, int batchSize) {
                return 0;
            }
        };
        return new DpopProofCheck(none, nothing, null, DpopRules.defaults(), "http://unused");
    }

    /**
     * Checks the request's proof against the token, and records its {@code jti} when it is accepted.
     *
     * @param command the refresh request, with its scheme and {@code DPoP} headers
     * @param claims  the presented token's verified claims
     * @param now     the server's time
     * @return the proof accepted, or empty when the request carried none and needed none
     * @throws TokenRefusedException {@code dpop_required}, {@code dpop_proof_invalid} or {@code dpop_nonce_required}
     */
    public Optional<DpopProof> check(RefreshTokenCommand command, TokenClaims claims, Instant now) {
        List<String> proofs = command.dpopProofs();
        boolean bound = claims.cnfJkt() != null;
        boolean dpopScheme = command.scheme() == AuthorizationScheme.DPOP;
        if (rules.proofRequired(bound, dpopScheme, !proofs.isEmpty())) {
            throw new TokenRefusedException(Refusal.DPOP_REQUIRED, bound
                    ? "The session is bound to a key: refresh it with 'Authorization: DPoP' and a DPoP proof"
                    : "The DPoP scheme needs a DPoP proof", null);
        }
        if (proofs.isEmpty()) {
            return Optional.empty();
        }
        if (proofs.size() > 1) {
            throw invalid("exactly one DPoP header is allowed");
        }
        DpopProof proof;
        try {
            proof = verifier.verify(proofs.get(0));
        } catch (InvalidDpopProofException e) {
            throw invalid(e.getMessage());
        }
        Optional<String> violation = rules.violation(proof, claims.cnfJkt(), command.bearerToken(), expectedHtu, now);
        if (violation.isPresent()) {
            throw invalid(violation.get());
        }
        String key = proof.jkt().value();
        if (nonces != null && !nonces.accepts(proof.nonce(), now)) {
            if (replays.wasUsed(key, proof.jti(), now)) {
                throw replayed();
            }
            throw new TokenRefusedException(Refusal.DPOP_NONCE_REQUIRED,
                    "The DPoP proof must carry the nonce of the DPoP-Nonce header", nonces.issue(now));
        }
        if (!replays.recordFirstUse(key, proof.jti(), now, rules.replayWindowEnd(proof, now))) {
            throw replayed();
        }
        return Optional.of(proof);
    }

    private static TokenRefusedException invalid(String rule) {
        return new TokenRefusedException(Refusal.DPOP_PROOF_INVALID, "The DPoP proof is invalid: " + rule, null);
    }

    private static TokenRefusedException replayed() {
        return invalid("its jti was used already");
    }
}
