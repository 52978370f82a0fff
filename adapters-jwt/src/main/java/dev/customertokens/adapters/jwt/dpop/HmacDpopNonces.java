package dev.customertokens.adapters.jwt.dpop;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.application.port.out.DpopNonces;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless DPoP server nonces (RFC 9449 8; CONTRACT 2.7): a nonce is the HMAC-SHA256 of its one-minute time step,
 * under a key derived (HKDF-SHA256, a fixed label) from the signing key, so every node with the same signing key
 * issues and accepts the same nonces and nothing is stored. A nonce of the current step, the one before, or the one
 * after (a node whose clock runs a little ahead) is accepted: at least 60 s after it was issued, at most 120 s.
 */
public final class HmacDpopNonces implements DpopNonces {

    /** How long one nonce is issued for. */
    public static final Duration STEP = Duration.ofSeconds(60);

    private static final String MAC = "HmacSHA256";
    private static final byte[] LABEL = "customer-tokens DPoP server nonce key v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_LENGTH = 43; // 32 bytes in base64url without padding
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private HmacDpopNonces(byte[] key) {
        this.key = new SecretKeySpec(key, MAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * Nonces keyed by the signing key of {@code settings}: the HS256 secret's bytes, or the RS256 or EdDSA private
     * key's PKCS#8 encoding, so operators configure nothing new and a new signing key retires every nonce.
     *
     * @param settings the service's JWT settings, whose signing key keys the nonces
     * @return nonces that every node with the same signing key accepts
     * @throws IllegalArgumentException when the signing key does not give its bytes (a key in a hardware module)
     */
    public static HmacDpopNonces derivedFrom(JwtSettings settings) {
        Objects.requireNonNull(settings, "settings");
        byte[] material = settings.signingKey() != null ? settings.signingKey().secret()
                : settings.signingKeyPair().privateKey().getEncoded();
        if (material == null) {
            throw new IllegalArgumentException("the signing key does not give its bytes (getEncoded() is null), and "
                    + "DPoP server nonces are keyed by them; turn server nonces off or sign with a key that does");
        }
        try {
            return new HmacDpopNonces(hkdfSha256(material, LABEL));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public String issue(Instant now) {
        return BASE64URL.encodeToString(mac(step(now)));
    }

    @Override
    public boolean accepts(String nonce, Instant now) {
        if (nonce == null || nonce.length() != NONCE_LENGTH) {
            return false;
        }
        byte[] sent;
        try {
            sent = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        long current = step(now);
        boolean accepted = false;
        for (long step = current - 1; step <= current + 1; step++) {
            // constant time, and every step compared, so that timing tells nothing about which one matched
            accepted |= MessageDigest.isEqual(mac(step), sent);
        }
        return accepted;
    }

    private static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), STEP.toSeconds());
    }

    private byte[] mac(long step) {
        return macs.get().doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /** RFC 5869 with SHA-256, no salt, {@code info} as the label, one block of output. */
    private static byte[] hkdfSha256(byte[] inputKeyMaterial, byte[] info) {
        try {
            Mac extract = Mac.getInstance(MAC);
            extract.init(new SecretKeySpec(new byte[32], MAC));
            byte[] pseudoRandomKey = extract.doFinal(inputKeyMaterial);
            Mac expand = Mac.getInstance(MAC);
            expand.init(new SecretKeySpec(pseudoRandomKey, MAC));
            expand.update(info);
            expand.update((byte) 1);
            return expand.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
