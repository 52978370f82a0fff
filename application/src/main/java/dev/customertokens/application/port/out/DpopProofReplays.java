package dev.customertokens.application.port.out;

import java.time.Instant;

/**
 * The {@code jti}s of accepted DPoP proofs, per key, shared by every node on the database, so that a proof is
 * accepted once (CONTRACT 2.7). Records past their expiry count for nothing, and housekeeping deletes them.
 */
public interface DpopProofReplays {

    /**
     * Records the proof's use at {@code now} unless one of this key and {@code jti} is recorded and not expired
     * at {@code now}, atomically: of any number of concurrent calls for one key and {@code jti}, on one node or
     * many, exactly one returns true; the record holds until {@code expiresAt}.
     *
     * @param jkt       the thumbprint of the proof's key, base64url
     * @param jti       the proof's {@code jti}
     * @param now       the server's time
     * @param expiresAt until when the use must be remembered
     * @return true when this call recorded the first use; false when the proof was used already
     */
    boolean recordFirstUse(String jkt, String jti, Instant now, Instant expiresAt);

    /**
     * Whether a proof of this key and {@code jti} was accepted and has not expired at {@code now}.
     *
     * @param jkt the thumbprint of the proof's key, base64url
     * @param jti the proof's {@code jti}
     * @param now the server's time
     * @return true when such a use is recorded and not expired
     */
    boolean wasUsed(String jkt, String jti, Instant now);

    /**
     * Housekeeping: deletes at most {@code batchSize} records expired at {@code now}. Safe to call from many
     * nodes at once.
     *
     * @param now       the time records are expired at
     * @param batchSize the most records one call deletes, at least 1
     * @return how many were deleted; fewer than {@code batchSize} means none is left
     */
    int purgeExpired(Instant now, int batchSize);
}
