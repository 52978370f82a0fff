package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerAccount;

import java.util.Objects;

/**
 * What a refresh (or a login) hands the client: the account, read fresh, and the token with its lifetimes in minutes.
 *
 * @param replayed whether the token is a successor handed out again (grace replay or retry, CONTRACT 2.3)
 *                 rather than one minted by this call
 */
public record TokenGrant(CustomerAccount customerAccount, String token, long ttlMinutes, long refreshTtlMinutes,
                         boolean replayed) {
    public TokenGrant {
        Objects.requireNonNull(customerAccount, "customerAccount");
        Objects.requireNonNull(token, "token");
    }

    /** A token minted by this call. */
    public TokenGrant(CustomerAccount customerAccount, String token, long ttlMinutes, long refreshTtlMinutes) {
        this(customerAccount, token, ttlMinutes, refreshTtlMinutes, false);
    }
}
