package dev.customertokens.application.port.in;

import dev.customertokens.domain.Refusal;

import java.util.Objects;
import java.util.Optional;

/** A refresh or a login that the rules refuse; the refusal says which rule. */
public class TokenRefusedException extends RuntimeException {

    private final Refusal refusal;
    private final String detail;
    private final String dpopNonce;

    public TokenRefusedException(Refusal refusal) {
        this(refusal, null, null);
    }

    /**
     * @param detail    which rule was broken, for the client (never a secret), or null for the refusal's own message
     * @param dpopNonce a fresh server nonce to retry with ({@link Refusal#DPOP_NONCE_REQUIRED}), or null
     */
    public TokenRefusedException(Refusal refusal, String detail, String dpopNonce) {
        super(Objects.requireNonNull(refusal, "refusal").name(), null, false, false);
        this.refusal = refusal;
        this.detail = detail;
        this.dpopNonce = dpopNonce;
    }

    public Refusal refusal() {
        return refusal;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Optional<String> dpopNonce() {
        return Optional.ofNullable(dpopNonce);
    }
}
