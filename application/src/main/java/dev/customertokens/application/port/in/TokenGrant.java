package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerAccount;

import java.util.Objects;

/**
 * What a refresh (or a login) hands the client: the account, read fresh, and the token with its lifetimes in minutes.
 *
 * @param customerAccount   the customer's account, the answer's {@code customer_account}
 * @param token             the new token, a compact JWS
 * @param ttlMinutes        the configured token lifetime, the answer's {@code token.ttl}
 * @param refreshTtlMinutes the configured session lifetime, the answer's {@code token.refresh_ttl}
 * @param replayed          whether the token is a successor handed out again (grace replay or retry,
 *                          CONTRACT 2.3) rather than one minted by this call
 */
public record TokenGrant(CustomerAccount customerAccount, String token, long ttlMinutes, long refreshTtlMinutes,
                         boolean replayed) {
    /**
     * Checks that the account and the token are given.
     *
     * @param customerAccount   the customer's account, not null
     * @param token             the new token, not null
     * @param ttlMinutes        the token lifetime, in minutes
     * @param refreshTtlMinutes the session lifetime, in minutes
     * @param replayed          whether the token is a successor handed out again
     * @throws NullPointerException if {@code customerAccount} or {@code token} is null
     */
    public TokenGrant {
        Objects.requireNonNull(customerAccount, "customerAccount");
        Objects.requireNonNull(token, "token");
    }

    /**
     * A token minted by this call.
     *
     * @param customerAccount   the customer's account, not null
     * @param token             the new token, not null
     * @param ttlMinutes        the token lifetime, in minutes
     * @param refreshTtlMinutes the session lifetime, in minutes
     * @throws NullPointerException if {@code customerAccount} or {@code token} is null
     */
    public TokenGrant(CustomerAccount customerAccount, String token, long ttlMinutes, long refreshTtlMinutes) {
        this(customerAccount, token, ttlMinutes, refreshTtlMinutes, false);
    }
}
