package dev.customertokens.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The form of a token's {@code jti} (CONTRACT 2.1): the millisecond the token was issued, then 96 random bits,
 * base64url without padding (24 characters). The millisecond tells a rotation the store lost from an older token
 * of the same second (2.3); tokens issued before ids carried it have 22-character ids and are told by {@code nbf}.
 */
public final class TokenIds {

    /** How many random bytes follow the issue time in an id. */
    public static final int RANDOM_BYTES = 12;
    private static final int TIME_BYTES = 6;
    private static final int ENCODED_LENGTH = 24;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private TokenIds() {
    }

    /**
     * The id of a token.
     *
     * @param issuedAt when the token is issued
     * @param random   {@value #RANDOM_BYTES} bytes from a cryptographic generator
     * @return the id, 24 base64url characters
     */
    public static String of(Instant issuedAt, byte[] random) {
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a token id holds " + RANDOM_BYTES + " random bytes");
        }
        long millis = issuedAt.toEpochMilli();
        ByteBuffer bytes = ByteBuffer.allocate(TIME_BYTES + RANDOM_BYTES);
        for (int shift = 8 * (TIME_BYTES - 1); shift >= 0; shift -= 8) {
            bytes.put((byte) (millis >>> shift));
        }
        return ENCODER.encodeToString(bytes.put(random).array());
    }

    /**
     * When the token of an id was issued.
     *
     * @param jti the token's id
     * @return the issue time to the millisecond, or empty for an id without one (older ids, foreign forms)
     */
    public static Optional<Instant> issuedAt(String jti) {
        if (jti == null || jti.length() != ENCODED_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(jti);
        } catch (IllegalArgumentException notBase64url) {
            return Optional.empty();
        }
        long millis = 0;
        for (int i = 0; i < TIME_BYTES; i++) {
            millis = (millis << 8) | (bytes[i] & 0xFF);
        }
        return Optional.of(Instant.ofEpochMilli(millis));
    }
}
