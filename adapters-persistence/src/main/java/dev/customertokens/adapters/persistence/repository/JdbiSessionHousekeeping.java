package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.SessionHousekeeping;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;

/**
 * Deletes finished sessions a batch at a time, each batch one short statement on the indexes of
 * {@code V3__sessions_purge_index.sql}. Many nodes may purge at once: on PostgreSQL a batch skips the
 * rows another node's batch holds ({@code SKIP LOCKED}); on H2 (one database process, however many
 * nodes reach it) a second deleter waits for the first's row locks and then finds the rows gone. A purge
 * forgotten by a crash is simply done again, so it does not wait to be durable.
 */
public final class JdbiSessionHousekeeping implements SessionHousekeeping {

    // PostgreSQL's DELETE has no row limit; the locking sub-select gives one, and skips what another node holds
    static final String POSTGRES_DELETE_WINDOW_ENDED = "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions "
            + "WHERE started_at_ms <= :cutOff LIMIT :batch FOR UPDATE SKIP LOCKED)";
    static final String POSTGRES_DELETE_REVOKED = "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions "
            + "WHERE revoked_at_ms <= :cutOff LIMIT :batch FOR UPDATE SKIP LOCKED)";

    private final Jdbi jdbi;
    private final String deleteWindowEnded;
    private final String deleteRevoked;

    public JdbiSessionHousekeeping(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        if (dialect == Dialect.POSTGRESQL) {
            this.deleteWindowEnded = POSTGRES_DELETE_WINDOW_ENDED;
            this.deleteRevoked = POSTGRES_DELETE_REVOKED;
        } else {
            // H2 limits a DELETE itself; a second deleter waits for the first's row locks, then re-checks and skips
            this.deleteWindowEnded = "DELETE FROM sessions WHERE started_at_ms <= :cutOff FETCH FIRST :batch ROWS ONLY";
            this.deleteRevoked = "DELETE FROM sessions WHERE revoked_at_ms <= :cutOff FETCH FIRST :batch ROWS ONLY";
        }
    }

    @Override
    public int purgeBatch(Instant startedAtOrBefore, Instant revokedAtOrBefore, int batchSize) {
        try {
            int deleted = delete(deleteWindowEnded, startedAtOrBefore, batchSize);
            if (deleted < batchSize) {
                deleted += delete(deleteRevoked, revokedAtOrBefore, batchSize - deleted);
            }
            return deleted;
        } catch (RuntimeException e) {
            throw StorageFaults.translate(e);
        }
    }

    private int delete(String sql, Instant cutOff, int batch) {
        return jdbi.withHandle(handle -> handle.createUpdate(sql)
                .bind("cutOff", cutOff.toEpochMilli())
                .bind("batch", batch)
                .execute());
    }
}
