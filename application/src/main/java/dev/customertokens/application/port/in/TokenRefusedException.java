package dev.customertokens.application.port.in;

import dev.customertokens.domain.Refusal;

import java.util.Objects;
import java.util.Optional;

/** A refresh or a login that the rules refuse; the refusal says which rule. */
public class TokenRefusedException extends RuntimeException {

    /** The rule that refused, never null. */
    private final Refusal refusal;
    /** Which rule was broken, for the client, or null. */
    private final String detail;
    /** A fresh server nonce to retry with, or null. */
    private final String dpopNonce;

    /**
     * A refusal with the refusal's own message and no nonce.
     *
     * @param refusal the rule that refused, not null
     * @throws NullPointerException if {@code refusal} is null
     */
    public TokenRefusedException(Refusal refusal) {
        this(refusal, null, null);
    }

    /**
     * A refusal that says more than its code. The exception carries no stack trace: it is an answer, not a fault.
     *
     * @param refusal   the rule that refused, not null
     * @param detail    which rule was broken, for the client (never a secret), or null for the refusal's own message
     * @param dpopNonce a fresh server nonce to retry with ({@link Refusal#DPOP_NONCE_REQUIRED}), or null
     * @throws NullPointerException if {@code refusal} is null
     */
    public TokenRefusedException(Refusal refusal, String detail, String dpopNonce) {
        super(Objects.requireNonNull(refusal, "refusal").name(), null, false, false);
        this.refusal = refusal;
        this.detail = detail;
        this.dpopNonce = dpopNonce;
    }

    /**
     * The rule that refused; the wire's error code is its name in lower case.
     *
     * @return the refusal, never null
     */
    public Refusal refusal() {
        return refusal;
    }

    /**
     * Which rule was broken, when the refusal says more than its code (such as the rule a DPoP proof broke).
     *
     * @return the detail for the client, or empty for the refusal's own message
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /**
     * The nonce to send in the {@code DPoP-Nonce} header, for {@link Refusal#DPOP_NONCE_REQUIRED}.
     *
     * @return the fresh nonce, or empty
     */
    public Optional<String> dpopNonce() {
        return Optional.ofNullable(dpopNonce);
    }
}
