package dev.customertokens.application.service;

import dev.customertokens.domain.RotationPolicy;

import java.util.Objects;

/**
 * What the use cases need to know to mint tokens.
 *
 * @param publicBaseUrl the URL clients reach the service at, without a trailing slash; issuers are built on it
 * @param subjectHash   the {@code prv} claim issued, naming the customer subject type
 */
public record TokenSettings(String publicBaseUrl, String subjectHash, RotationPolicy policy) {

    public static final String REFRESH_PATH = "/api/customers/refresh";
    public static final String LOGIN_PATH = "/api/customers/login";

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

    public String refreshIssuer() {
        return publicBaseUrl + REFRESH_PATH;
    }

    public String loginIssuer() {
        return publicBaseUrl + LOGIN_PATH;
    }
}
