package dev.customertokens.domain;

/**
 * Why a session stopped working. The name in lower case is the {@code reason} label of the revocation metric
 * and the {@code revoked_reason} of the admin API.
 */
public enum RevocationReason {
    /** The customer logged out. */
    LOGOUT,
    /** An operator or a service revoked it: the admin API or {@code sessions revoke}. */
    OPERATOR,
    /** A rotated token was presented outside the grace rules (CONTRACT 2.3). */
    REUSE_DETECTED,
    /** Not refreshed for longer than the idle timeout (CONTRACT 2.6). */
    IDLE_TIMEOUT
}
