package dev.customertokens.domain;

/** Why a session stopped working. */
public enum RevocationReason {
    LOGOUT,
    OPERATOR,
    REUSE_DETECTED
}
