package dev.customertokens.domain;

import java.util.Objects;

/** What the rotation rules decide for one presented token. */
public sealed interface RefreshDecision {

    /** The presented token is current: issue its successor. */
    record Rotate() implements RefreshDecision {
    }

    /**
     * The presented token was just rotated and may have its successor again, byte for byte: the
     * session's current token, signed again from {@link RotationPolicy#currentClaims}.
     */
    record Replay() implements RefreshDecision {
    }

    /** Refused; with {@link Refusal#TOKEN_REUSED} the session must be revoked before answering. */
    record Refuse(Refusal refusal) implements RefreshDecision {
        public Refuse {
            Objects.requireNonNull(refusal, "refusal");
        }

        public boolean revokesSession() {
            return refusal == Refusal.TOKEN_REUSED;
        }
    }
}
