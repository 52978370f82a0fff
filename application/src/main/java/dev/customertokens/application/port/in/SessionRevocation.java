package dev.customertokens.application.port.in;

/** What revoking one session did. */
public enum SessionRevocation {
    /** It was live and is revoked now. */
    REVOKED,
    /** It was revoked before; nothing changed. */
    ALREADY_REVOKED,
    /** There is no such session. */
    NOT_FOUND
}
