package dev.customertokens.application.port.in;

import dev.customertokens.domain.CustomerAccount;

import java.util.Objects;

/** What a refresh (or a login) hands the client: the account, read fresh, and the token with its lifetimes in minutes. */
public record TokenGrant(CustomerAccount customerAccount, String token, long ttlMinutes, long refreshTtlMinutes) {
    public TokenGrant {
        Objects.requireNonNull(customerAccount, "customerAccount");
        Objects.requireNonNull(token, "token");
    }
}
