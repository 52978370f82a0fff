package dev.customertokens.domain;

import java.util.Objects;

/**
 * The nine claims of a customer token (CONTRACT 2.1). Times are in epoch seconds, as JWT carries them.
 *
 * @param iss           the issuer: the public URL followed by the login or the refresh path
 * @param iat           the time the session began; kept unchanged by every refresh
 * @param nbf           the time this token was issued
 * @param exp           {@code nbf + ttl}
 * @param jti           this token's random id
 * @param sub           the customer's id, as the token carries it (not checked to be a {@link CustomerId})
 * @param prv           the subject-type hash: only customer tokens carry the configured one
 * @param applicationId the application's id ({@code application_id})
 * @param sessionId     the session's id ({@code session_id})
 * @param cnfJkt        the key a bound session's tokens are confirmed by ({@code "cnf": {"jkt": ...}},
 *                      CONTRACT 2.7), or null for a session bound to no key
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

    /**
     * Checks that the string claims are present.
     *
     * @param iss           the issuer, not null
     * @param iat           the session's start, in epoch seconds
     * @param nbf           this token's issue time, in epoch seconds
     * @param exp           this token's expiry, in epoch seconds
     * @param jti           this token's id, not null
     * @param sub           the customer's id, not null
     * @param prv           the subject-type hash, not null
     * @param applicationId the application's id
     * @param sessionId     the session's id
     * @param cnfJkt        the bound key, or null
     * @throws NullPointerException if {@code iss}, {@code jti}, {@code sub} or {@code prv} is null
     */
    public TokenClaims {
        Objects.requireNonNull(iss, "iss");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(prv, "prv");
    }

    /**
     * The claims of a token bound to no key.
     *
     * @param iss           the issuer, not null
     * @param iat           the session's start, in epoch seconds
     * @param nbf           this token's issue time, in epoch seconds
     * @param exp           this token's expiry, in epoch seconds
     * @param jti           this token's id, not null
     * @param sub           the customer's id, not null
     * @param prv           the subject-type hash, not null
     * @param applicationId the application's id
     * @param sessionId     the session's id
     * @throws NullPointerException if {@code iss}, {@code jti}, {@code sub} or {@code prv} is null
     */
    public TokenClaims(String iss, long iat, long nbf, long exp, String jti, String sub, String prv, long applicationId,
                       long sessionId) {
        this(iss, iat, nbf, exp, jti, sub, prv, applicationId, sessionId, null);
    }
}
