package dev.customertokens.application.port.out;

import java.time.Instant;

/**
 * Deletes sessions nobody can use any more (CONTRACT 4.4), in small batches so that no statement holds
 * many locks or runs for long. Safe to call from many nodes at once: a session deleted by one is simply
 * not found by the others.
 */
public interface SessionHousekeeping {

    /**
     * Deletes at most {@code batchSize} sessions that began at or before {@code startedAtOrBefore} (their
     * refresh window has ended) or were revoked at or before {@code revokedAtOrBefore}.
     *
     * @param startedAtOrBefore the latest start of a session whose window has ended
     * @param revokedAtOrBefore the latest revocation of a session past its retention
     * @param batchSize         the most sessions to delete in this call, at least 1
     * @return how many were deleted; fewer than {@code batchSize} means none is left
     */
    int purgeBatch(Instant startedAtOrBefore, Instant revokedAtOrBefore, int batchSize);
}
