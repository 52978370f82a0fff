package dev.customertokens.application.port.in;

/** The scheme of the {@code Authorization} header a token came with (CONTRACT 1.1, 2.7). */
public enum AuthorizationScheme {
    BEARER,
    /** A token sent with a proof of possession of the key its session is bound to. */
    DPOP
}
