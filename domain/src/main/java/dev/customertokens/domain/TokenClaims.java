package dev.customertokens.domain;

import java.util.Objects;

/**
 * The nine claims of a customer token (CONTRACT 2.1). Times are in epoch seconds, as JWT carries them.
 *
 * @param iat the time the session began; kept unchanged by every refresh
 * @param nbf the time this token was issued
 * @param exp    {@code nbf + ttl}
 * @param cnfJkt the key a bound session's tokens are confirmed by ({@code "cnf": {"jkt": ...}}, CONTRACT 2.7),
 *               or null for a session bound to no key
 */
public record TokenClaims(
        String iss,
        long iat,
        long nbf,
        long exp,
        String jti,
        String sub,
        String prv,
        long applicationId,
        long sessionId,
        KeyThumbprint cnfJkt) {

    public TokenClaims {
        Objects.requireNonNull(iss, "iss");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(prv, "prv");
    }

    /** The claims of a token bound to no key. */
    public TokenClaims(String iss, long iat, long nbf, long exp, String jti, String sub, String prv, long applicationId,
                       long sessionId) {
        this(iss, iat, nbf, exp, jti, sub, prv, applicationId, sessionId, null);
    }
}
