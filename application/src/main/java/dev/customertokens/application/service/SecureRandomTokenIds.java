package dev.customertokens.application.service;

import dev.customertokens.application.port.out.TokenIdGenerator;
import dev.customertokens.domain.TokenIds;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Token ids of the domain's {@code TokenIds} form: the issue time and 96 random bits. Each thread draws from a
 * generator of its own (a NIST SP 800-90A DRBG seeded by the system): the JDK's default generator on Linux
 * reads {@code /dev/urandom} under one lock for the whole JVM, which every refresh would queue on.
 */
public final class SecureRandomTokenIds implements TokenIdGenerator {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandomTokenIds::generator);

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Override
    public String newTokenId(Instant issuedAt) {
        byte[] random = new byte[TokenIds.RANDOM_BYTES];
        RANDOM.get().nextBytes(random);
        return TokenIds.of(issuedAt, random);
    }
}
