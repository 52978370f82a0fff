package dev.customertokens.adapters.jwt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 with one secret: one initialized {@link Mac} per thread, reused (doFinal resets it). */
final class HmacKey extends JwsKey {

    static final String HS256 = "HS256";
    private static final String MAC = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    HmacKey(Hs256Secret key) {
        super(key.kid(), HS256);
        SecretKeySpec secret = new SecretKeySpec(key.secret(), MAC);
        this.macs = ThreadLocal.withInitial(() -> mac(secret));
        macs.get(); // a key the JDK refuses is refused now, not at the first token
    }

    private static Mac mac(SecretKeySpec secret) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    @Override
    int signatureLength() {
        return 32;
    }

    @Override
    byte[] sign(byte[] signingInput) {
        return macs.get().doFinal(signingInput);
    }

    @Override
    boolean verify(byte[] signingInput, byte[] signature) {
        // constant time, so that the signature cannot be found byte by byte from timings
        return signature.length == 32 && MessageDigest.isEqual(sign(signingInput), signature);
    }
}
