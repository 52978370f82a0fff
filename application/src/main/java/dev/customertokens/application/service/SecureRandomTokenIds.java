package dev.customertokens.application.service;

import dev.customertokens.application.port.out.TokenIdGenerator;

import java.security.SecureRandom;
import java.util.Base64;

/** 128 random bits, base64url without padding: 22 characters. */
public final class SecureRandomTokenIds implements TokenIdGenerator {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String newTokenId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
