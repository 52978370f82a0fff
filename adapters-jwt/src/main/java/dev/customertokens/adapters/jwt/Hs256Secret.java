package dev.customertokens.adapters.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared secret that signs and verifies HS256 tokens. At least {@value #MIN_SECRET_BYTES} bytes; the record keeps
 * its own copy and never shows it.
 *
 * @param kid    the key id written in (and looked up from) a token's {@code kid} header; {@code null} for a secret
 *               without id, the usual case of a single {@code JWT_SECRET}
 * @param secret the key bytes
 */
public record Hs256Secret(String kid, byte[] secret) {

    /** The shortest secret accepted, in bytes (CONTRACT 3, {@code --jwt-secret}). */
    public static final int MIN_SECRET_BYTES = 32;

    /** The length of an HS256 signature (HMAC-SHA256), in bytes. */
    static final int SIGNATURE_BYTES = 32;
    private static final String MAC = "HmacSHA256";

    /**
     * Checks the secret and keeps a copy of its bytes.
     *
     * @param kid    the key id, or null for a secret without id; never empty
     * @param secret the key bytes, at least {@value #MIN_SECRET_BYTES}; the caller may clear its array afterwards
     * @throws NullPointerException     if {@code secret} is null
     * @throws IllegalArgumentException if {@code kid} is empty or {@code secret} too short
     */
    public Hs256Secret {
        if (kid != null && kid.isEmpty()) {
            throw new IllegalArgumentException("a JWT key id must not be empty (use null for a key without id)");
        }
        Objects.requireNonNull(secret, "secret");
        requireLongEnough(secret, "the JWT secret" + (kid == null ? "" : " of key '" + kid + "'")
                + " (" + secret.length + " bytes)");
        secret = secret.clone();
    }

    /**
     * The UTF-8 bytes of {@code secret}, as tymon/jwt-auth reads {@code JWT_SECRET}.
     *
     * @param kid    the key id, or null for a secret without id
     * @param secret the secret text, at least {@value #MIN_SECRET_BYTES} bytes in UTF-8
     * @return the secret
     * @throws NullPointerException     if {@code secret} is null
     * @throws IllegalArgumentException if {@code kid} is empty or {@code secret} too short
     */
    public static Hs256Secret of(String kid, String secret) {
        Objects.requireNonNull(secret, "secret");
        return new Hs256Secret(kid, secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The UTF-8 bytes of {@code secret}, without id.
     *
     * @param secret the secret text, at least {@value #MIN_SECRET_BYTES} bytes in UTF-8
     * @return the secret
     * @throws NullPointerException     if {@code secret} is null
     * @throws IllegalArgumentException if {@code secret} is too short
     */
    public static Hs256Secret withoutId(String secret) {
        return of(null, secret);
    }

    /**
     * The bytes of {@code key}, whatever algorithm it names.
     *
     * @param kid the key id, or null for a secret without id
     * @param key the key, not null; its bytes are copied, not kept
     * @return the secret
     * @throws IllegalArgumentException when the key does not give its bytes ({@code getEncoded()} is {@code null}),
     *                                  or they are too short
     */
    public static Hs256Secret of(String kid, SecretKey key) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = key.getEncoded();
        if (bytes == null) {
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " SecretKey does not give its bytes "
                    + "(getEncoded() is null), and HS256 signs with them");
        }
        try {
            return new Hs256Secret(kid, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Refuses a secret shorter than {@value #MIN_SECRET_BYTES} bytes; {@code what} names it at the start of the
     * message (the command line names its flag), which ends the same for every caller.
     *
     * @param secret the key bytes
     * @param what   what the message calls the secret, such as {@code --jwt-secret}
     * @throws IllegalArgumentException when {@code secret} is too short
     */
    public static void requireLongEnough(byte[] secret, String what) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(what + " must be at least " + MIN_SECRET_BYTES
                    + " bytes long: a shorter HS256 key can be guessed");
        }
    }

    /** A {@code Mac} initialized with this secret, for one thread. */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(secret, MAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /**
     * The key bytes.
     *
     * @return a copy, which the caller may clear
     */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hs256Secret that && Objects.equals(kid, that.kid) && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(kid) + Arrays.hashCode(secret);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "Hs256Secret[kid=" + kid + ", secret=(" + secret.length + " bytes)]";
    }
}
