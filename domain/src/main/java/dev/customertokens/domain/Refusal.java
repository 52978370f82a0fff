package dev.customertokens.domain;

/**
 * Every reason a refresh can be refused, in the order of checks of CONTRACT 1.2. Each answers the 1.4 error
 * code that is its name in lower case ({@code TOKEN_REUSED} is {@code token_reused}).
 */
public enum Refusal {
    /** The application key is unknown, or its application disabled. */
    APPLICATION_UNKNOWN,
    /** The token cannot be read, is not signed by a key the service accepts, or its claims break 2.1. */
    TOKEN_INVALID,
    /** The token's {@code nbf} or {@code iat} lies further in the future than the leeway. */
    TOKEN_NOT_YET_VALID,
    /** The session's absolute lifetime ({@code iat + refresh_ttl}) has ended. */
    TOKEN_REFRESH_EXPIRED,
    /** A token bound to a key came without a proof, or the DPoP scheme without a proof (CONTRACT 2.7). */
    DPOP_REQUIRED,
    /** A DPoP proof broke a rule of CONTRACT 2.7. */
    DPOP_PROOF_INVALID,
    /** Server nonces are on and the proof carries no current one. */
    DPOP_NONCE_REQUIRED,
    /** The token was issued for another application than the one of the {@code Application} header. */
    APPLICATION_MISMATCH,
    /** No such session, or the session belongs to another customer, application, login or key. */
    SESSION_INVALID,
    /** The session was revoked earlier: logout, operator, reuse or idle timeout. */
    SESSION_REVOKED,
    /** Not refreshed for longer than the idle timeout: the session is revoked (CONTRACT 2.6). */
    SESSION_IDLE_EXPIRED,
    /** A rotated token was presented outside the grace rules: the whole session is revoked. */
    TOKEN_REUSED,
    /** The token's customer no longer exists. */
    CUSTOMER_NOT_FOUND,
    /** The customer's {@code state} is not active. */
    CUSTOMER_INACTIVE
}
