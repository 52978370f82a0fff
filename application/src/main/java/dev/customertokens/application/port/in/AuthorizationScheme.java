package dev.customertokens.application.port.in;

/** The scheme of the {@code Authorization} header a token came with (CONTRACT 1.1, 2.7). */
public enum AuthorizationScheme {
    /** A plain bearer token: refused for a session bound to a key ({@code dpop_required}). */
    BEARER,
    /** A token sent with a proof of possession of the key its session is bound to. */
    DPOP
}
