package dev.customertokens.adapters.persistence.migration;

import java.util.List;

/**
 * Version 5: on PostgreSQL, the index on {@code revoked_at_ms} holds revoked sessions only. Housekeeping
 * ({@code revoked_at_ms <= ?}) still finds them by it, and no statistics can make the planner take it for
 * the hot statements' {@code revoked_at_ms IS NULL}, which it cannot answer. It is built inside the
 * migration's transaction, not {@code CONCURRENTLY}: writes to {@code sessions} wait while it builds, so
 * upgrade a large table at a quiet time. Nothing changes on H2, which has no partial indexes.
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
