package dev.customertokens.domain;

/** Every reason a refresh can be refused, in the order of checks of CONTRACT 1.2. */
public enum Refusal {
    APPLICATION_UNKNOWN,
    TOKEN_INVALID,
    TOKEN_NOT_YET_VALID,
    TOKEN_REFRESH_EXPIRED,
    /** A token bound to a key came without a proof, or the DPoP scheme without a proof (CONTRACT 2.7). */
    DPOP_REQUIRED,
    /** A DPoP proof broke a rule of CONTRACT 2.7. */
    DPOP_PROOF_INVALID,
    /** Server nonces are on and the proof carries no current one. */
    DPOP_NONCE_REQUIRED,
    APPLICATION_MISMATCH,
    SESSION_INVALID,
    SESSION_REVOKED,
    /** Not refreshed for longer than the idle timeout: the session is revoked (CONTRACT 2.6). */
    SESSION_IDLE_EXPIRED,
    /** A rotated token was presented outside the grace rules: the whole session is revoked. */
    TOKEN_REUSED,
    CUSTOMER_NOT_FOUND,
    CUSTOMER_INACTIVE
}
