package dev.customertokens.adapters.persistence.migration;

import java.util.List;

/**
 * Version 5: on PostgreSQL, the index on {@code revoked_at_ms} holds revoked sessions only.
 *
 * <p>Housekeeping (CONTRACT 4.4) finds revoked sessions by it ({@code revoked_at_ms <= ?}, which implies
 * {@code IS NOT NULL}, so the partial index still serves it). The hot statements carry {@code revoked_at_ms
 * IS NULL}, and while the whole index held every live session under NULL, the planner could take it for
 * them: before autovacuum first analyses the table, that index on a thousand live sessions is one page, the
 * cheapest to descend, and the planner chose it over the primary key. Every rotation then walked all live
 * sessions and filtered them by id ({@code pg_stat_user_indexes}: a thousand rows fetched per rotation under
 * the load benchmark). A partial index cannot answer {@code IS NULL}, so no statistics make that plan
 * possible again. It is also smaller: live sessions, the great majority, are not in it.
 *
 * <p>The new index is built inside the migration's transaction, not {@code CONCURRENTLY}: on a large existing
 * table, writes to {@code sessions} wait while it builds (it reads the table once; reads go on), and then
 * everything waits for the moment it takes to drop the old index and commit. Upgrade at a quiet time.
 *
 * <p>Nothing changes on H2, which has no partial indexes; its planner takes the primary key for the hot
 * statements ({@code SessionsSchemaTest} holds both databases to that).
 */
final class PostgresRevocationIndexMigration extends PostgresOnlyMigration {

    PostgresRevocationIndexMigration() {
        super("5", "sessions on PostgreSQL: the index on revocations holds revoked sessions only", List.of(
                // built before the old one is dropped: the build only holds writes back, the drop holds
                // everything back but lasts no longer than the commit that follows it
                "CREATE INDEX sessions_revoked_only ON sessions (revoked_at_ms) WHERE revoked_at_ms IS NOT NULL",
                "DROP INDEX sessions_revoked_at",
                "ALTER INDEX sessions_revoked_only RENAME TO sessions_revoked_at"));
    }
}
