package dev.customertokens.application.port.in;

import dev.customertokens.domain.Refusal;

import java.util.Objects;

/** A refresh or a login that the rules refuse; the refusal says which rule. */
public class TokenRefusedException extends RuntimeException {

    private final Refusal refusal;

    public TokenRefusedException(Refusal refusal) {
        super(Objects.requireNonNull(refusal, "refusal").name(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
