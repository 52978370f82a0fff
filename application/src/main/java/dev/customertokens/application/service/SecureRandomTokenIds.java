package dev.customertokens.application.service;

import dev.customertokens.application.port.out.TokenIdGenerator;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * 128 random bits, base64url without padding: 22 characters. Each thread draws from a generator of its own (a
 * NIST SP 800-90A DRBG seeded by the system): the JDK's default generator on Linux reads {@code /dev/urandom}
 * under one lock for the whole JVM, which every refresh would queue on.
 */
public final class SecureRandomTokenIds implements TokenIdGenerator {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandomTokenIds::generator);

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Override
    public String newTokenId() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
