package dev.customertokens.application.service;

import dev.customertokens.application.port.in.PurgeSessionsUseCase;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.port.out.DpopProofReplays;
import dev.customertokens.application.port.out.SessionHousekeeping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Deletes, batch after batch, the sessions whose refresh window has ended ({@code started_at + refresh_ttl
 * <= now}) and those revoked more than the retention ago. A token of a deleted session then answers
 * {@code token_refresh_expired} (its window is over) or {@code session_invalid}, as before. The DPoP replay
 * records that expired go too, uncounted: the number it returns is the sessions'.
 */
public final class PurgeSessionsService implements PurgeSessionsUseCase {

    /** Small enough that one batch is a short transaction on any database. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private final SessionHousekeeping housekeeping;
    private final DpopProofReplays dpopProofReplays;
    private final Clock clock;
    private final Duration refreshTtl;
    private final Duration retention;
    private final int batchSize;
    private final AuditEvents audit;

    /**
     * A purge of sessions only, for a deployment whose DPoP replay store expires its records itself (or that
     * has none); it reports one {@code sessions_purged} event per purge that deletes any.
     *
     * @param housekeeping the store's deletions, not null
     * @param clock        the time the windows are measured from, not null
     * @param refreshTtl   the session lifetime: a session that began longer ago is deleted; not null
     * @param retention    how long a revoked session is kept; zero or positive, not null
     * @param batchSize    the most sessions one statement deletes, at least 1 (see {@link #DEFAULT_BATCH_SIZE})
     * @param audit        where the events go, not null
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code batchSize} is less than 1 or {@code retention} is negative
     */
    public PurgeSessionsService(SessionHousekeeping housekeeping, Clock clock, Duration refreshTtl, Duration retention,
                                int batchSize, AuditEvents audit) {
        this(housekeeping, null, clock, refreshTtl, retention, batchSize, audit);
    }

    /**
     * A purge of sessions and of expired DPoP replay records.
     *
     * @param housekeeping     the store's deletions, not null
     * @param dpopProofReplays the replay store whose expired records go too, or null for none
     * @param clock            the time the windows are measured from, not null
     * @param refreshTtl       the session lifetime: a session that began longer ago is deleted; not null
     * @param retention        how long a revoked session is kept; zero or positive, not null
     * @param batchSize        the most rows one statement deletes, at least 1 (see {@link #DEFAULT_BATCH_SIZE})
     * @param audit            where the events go, not null
     */
    public PurgeSessionsService(SessionHousekeeping housekeeping, DpopProofReplays dpopProofReplays, Clock clock,
                                Duration refreshTtl, Duration retention, int batchSize, AuditEvents audit) {
        this.housekeeping = Objects.requireNonNull(housekeeping, "housekeeping");
        this.dpopProofReplays = dpopProofReplays;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshTtl = Objects.requireNonNull(refreshTtl, "refreshTtl");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.audit = Objects.requireNonNull(audit, "audit");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
        this.batchSize = batchSize;
    }

    @Override
    public long purge() {
        Instant now = clock.instant();
        Instant windowEnded = now.minus(refreshTtl);
        Instant revokedLongAgo = now.minus(retention);
        long total = 0;
        int deleted;
        do {
            deleted = housekeeping.purgeBatch(windowEnded, revokedLongAgo, batchSize);
            total += deleted;
        } while (deleted >= batchSize);
        if (total > 0) {
            audit.record(new AuditEvent(AuditEvent.Type.SESSIONS_PURGED, now, null, null, null, null, null, total));
        }
        if (dpopProofReplays != null) {
            while (dpopProofReplays.purgeExpired(now, batchSize) >= batchSize) {
                // another full batch: more may be left
            }
        }
        return total;
    }
}
