package dev.customertokens.domain;

/** Why a session stopped working. */
public enum RevocationReason {
    LOGOUT,
    OPERATOR,
    REUSE_DETECTED,
    /** Not refreshed for longer than the idle timeout (CONTRACT 2.6). */
    IDLE_TIMEOUT
}
