package dev.customertokens.adapters.persistence.migration;

import java.util.List;

/**
 * Version 4: the sessions table on PostgreSQL, shaped for rotations. Its pages keep room
 * ({@code fillfactor} {@value #FILL_FACTOR}) for a rotation's new row version, which PostgreSQL then writes
 * in the same page with no new index entry ("HOT"); sessions are indexed by customer and id, so that the
 * hot statements, which name both, find one index entry whichever index the planner picks. Pages written
 * before keep their fill until rewritten. Nothing changes on H2.
 */
final class PostgresSessionsMigration extends PostgresOnlyMigration {

    static final int FILL_FACTOR = 70;

    PostgresSessionsMigration() {
        super("4", "sessions on PostgreSQL: fill factor, index by customer and id", List.of(
                "ALTER TABLE sessions SET (fillfactor = " + FILL_FACTOR + ")",
                "CREATE INDEX sessions_customer_session ON sessions (customer_id, id)",
                "DROP INDEX sessions_customer_id"));
    }

    /** As recorded by the deployments that ran this migration before {@link PostgresOnlyMigration} existed. */
    @Override
    public Integer getChecksum() {
        return (getDescription() + FILL_FACTOR).hashCode();
    }
}
