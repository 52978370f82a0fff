package dev.customertokens.adapters.jwt;

/**
 * A key as the codec uses it: the one algorithm it is pinned to, its id, and how it signs and verifies. Safe to share
 * between threads, without a lock: each thread gets its own {@code Mac} or {@code Signature}, initialized once.
 */
abstract sealed class JwsKey permits HmacKey, SignatureKey {

    private final String kid;
    private final String algorithm;

    JwsKey(String kid, String algorithm) {
        this.kid = kid;
        this.algorithm = algorithm;
    }

    /** {@code null} for an HMAC key without id. */
    final String kid() {
        return kid;
    }

    /** The only {@code alg} this key signs and verifies. */
    final String algorithm() {
        return algorithm;
    }

    /** The exact length of this key's signatures, in bytes. */
    abstract int signatureLength();

    /** @throws UnsupportedOperationException for a key that only verifies */
    abstract byte[] sign(byte[] signingInput);

    /** Whether {@code signature} is this key's over {@code signingInput}; never throws for any input. */
    abstract boolean verify(byte[] signingInput, byte[] signature);
}
