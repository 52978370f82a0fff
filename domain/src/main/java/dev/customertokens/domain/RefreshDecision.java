package dev.customertokens.domain;

import java.util.Objects;
import java.util.Optional;

/** What the rotation rules decide for one presented token. */
public sealed interface RefreshDecision {

    /** The presented token is current: issue its successor. */
    record Rotate() implements RefreshDecision {
    }

    /**
     * The presented token is newer than the stored current one but unknown to the session: a rotation the
     * store lost (CONTRACT 2.3). The session moves forward to it and rotates it.
     */
    record FastForward() implements RefreshDecision {
    }

    /**
     * The presented token was just rotated and may have its successor again, byte for byte: the session's
     * current token, signed again from {@link RotationPolicy#currentClaims}.
     *
     * @param counted whether this is a grace replay that counts against the bound on grace replays
     *                (CONTRACT 2.6): the store must count it, atomically, before the successor is handed out
     */
    record Replay(boolean counted) implements RefreshDecision {
        /** A replay that counts against nothing: a retry, or any replay when grace replays are unbounded. */
        public Replay() {
            this(false);
        }
    }

    /**
     * Refused; a refusal that {@link #revocation() revokes} the session revokes it before answering.
     *
     * @param refusal why
     */
    record Refuse(Refusal refusal) implements RefreshDecision {
        /**
         * Checks the refusal.
         *
         * @param refusal why, not null
         * @throws NullPointerException if {@code refusal} is null
         */
        public Refuse {
            Objects.requireNonNull(refusal, "refusal");
        }

        /**
         * Why the session must be revoked before the refusal is answered, when it must.
         *
         * @return {@code REUSE_DETECTED} for reuse, {@code IDLE_TIMEOUT} for an idle session, else empty
         */
        public Optional<RevocationReason> revocation() {
            return switch (refusal) {
                case TOKEN_REUSED -> Optional.of(RevocationReason.REUSE_DETECTED);
                case SESSION_IDLE_EXPIRED -> Optional.of(RevocationReason.IDLE_TIMEOUT);
                default -> Optional.empty();
            };
        }

        /**
         * Whether the session must be revoked before the refusal is answered.
         *
         * @return true when {@link #revocation()} names a reason
         */
        public boolean revokesSession() {
            return revocation().isPresent();
        }
    }
}
