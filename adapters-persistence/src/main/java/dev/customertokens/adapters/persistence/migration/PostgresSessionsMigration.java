package dev.customertokens.adapters.persistence.migration;

import java.util.List;

/**
 * Version 4: the sessions table on PostgreSQL, shaped for rotations. Both changes come from profiling
 * PostgreSQL under the load benchmark ({@code perf}: {@code _bt_killitems}, {@code heap_hot_search_buffer},
 * {@code BTreeTupleIsPosting} on top), and together took it from about 1,700 to 3,300-3,900 rotations/s.
 *
 * <ul>
 *   <li><b>Room in each page for the rotations to come</b> ({@code fillfactor} {@value #FILL_FACTOR}). A
 *       rotation rewrites its session row. PostgreSQL does that inside the page ("HOT": no new index entry)
 *       only when the page has room for the new row version. Pages filled to the brim, as the default leaves
 *       them, sent every rotation's new version to another page with a new entry in every index, and lookups
 *       then walked the dead versions until a vacuum. With room kept, 99.7% of rotations were HOT. Pages
 *       written before this migration keep their fill until rewritten ({@code VACUUM FULL sessions} does it
 *       at once, under an exclusive lock).</li>
 *   <li><b>Sessions indexed by customer and id</b> instead of by customer alone. The hot statements find a
 *       session by its id and its customer (the token's {@code sub}, so that sessions can be distributed by
 *       customer later). Until its first {@code ANALYZE} of the table, PostgreSQL's planner took the index by
 *       customer over the primary key, and walked all of a customer's sessions for each refresh. A lookup by
 *       both columns is now one index entry whichever index the planner picks.</li>
 * </ul>
 *
 * <p>Nothing changes on H2: it has no fill factor (pages are rewritten copy-on-write anyway), and its planner
 * already looks a session up by the primary key, one B-tree descent, where the two-column index would cost
 * a second one.
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
