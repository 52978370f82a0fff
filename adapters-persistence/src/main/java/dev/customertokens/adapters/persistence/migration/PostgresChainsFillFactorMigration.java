package dev.customertokens.adapters.persistence.migration;

import java.util.List;

/**
 * Version 7: on PostgreSQL, the room for in-page updates moves with the rotations, from {@code sessions} to
 * {@code session_chains} (version 6). A rotation now rewrites its chain's row, and PostgreSQL keeps the new
 * version in the same page, with no new index entry ("HOT"), only when the page has room for it
 * ({@link PostgresSessionsMigration} measured why that matters). {@code sessions} is written once a session
 * and again at its revocation: its pages may be filled.
 *
 * <p>It runs before version 8 fills {@code session_chains}, so that the existing sessions' chains are
 * written with the room already kept. Nothing changes on H2, which has no fill factor.
 */
final class PostgresChainsFillFactorMigration extends PostgresOnlyMigration {

    /** Its own constant: the history table holds a checksum of it, which a shared one could change. */
    static final int FILL_FACTOR = 70;

    PostgresChainsFillFactorMigration() {
        super("7", "session chains on PostgreSQL: room in each page for rotations", List.of(
                "ALTER TABLE session_chains SET (fillfactor = " + FILL_FACTOR + ")",
                "ALTER TABLE sessions RESET (fillfactor)"));
    }
}
