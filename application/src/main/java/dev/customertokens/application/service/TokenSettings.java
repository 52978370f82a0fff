package dev.customertokens.application.service;

import dev.customertokens.domain.RotationPolicy;

import java.util.Objects;

/**
 * What the use cases need to know to mint tokens.
 *
 * @param publicBaseUrl the URL clients reach the service at, without a trailing slash; issuers are built on it
 * @param subjectHash   the {@code prv} claim issued, naming the customer subject type
 * @param policy        the rotation rules and lifetimes
 */
public record TokenSettings(String publicBaseUrl, String subjectHash, RotationPolicy policy) {

    /** The refresh endpoint's path, which ends the {@code iss} of a refreshed token. */
    public static final String REFRESH_PATH = "/api/customers/refresh";
    /** The login's path, which ends the {@code iss} of a token that begins a session. */
    public static final String LOGIN_PATH = "/api/customers/login";

    /**
     * Checks the settings and drops trailing slashes from the URL.
     *
     * @param publicBaseUrl the URL clients reach the service at, not null; trailing slashes are dropped
     * @param subjectHash   the {@code prv} claim issued, not null or blank
     * @param policy        the rotation rules, not null
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code subjectHash} is blank
     */
    public TokenSettings {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(subjectHash, "subjectHash");
        Objects.requireNonNull(policy, "policy");
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
        if (subjectHash.isBlank()) {
            throw new IllegalArgumentException("subject hash must not be blank");
        }
    }

    /**
     * The {@code iss} of a refreshed token (CONTRACT 2.1).
     *
     * @return the public URL followed by {@link #REFRESH_PATH}
     */
    public String refreshIssuer() {
        return publicBaseUrl + REFRESH_PATH;
    }

    /**
     * The {@code iss} of a token that begins a session (CONTRACT 2.1).
     *
     * @return the public URL followed by {@link #LOGIN_PATH}
     */
    public String loginIssuer() {
        return publicBaseUrl + LOGIN_PATH;
    }
}
