package dev.customertokens.domain;

/** Every reason a refresh can be refused, in the order of checks of CONTRACT 1.2. */
public enum Refusal {
    APPLICATION_UNKNOWN,
    TOKEN_INVALID,
    TOKEN_NOT_YET_VALID,
    TOKEN_REFRESH_EXPIRED,
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
