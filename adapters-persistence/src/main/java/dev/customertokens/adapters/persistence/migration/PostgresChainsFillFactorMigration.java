package dev.customertokens.adapters.persistence.migration;

import java.util.List;

/**
 * Version 7: on PostgreSQL, the room for in-page updates moves with the rotations, from {@code sessions} to
 * {@code session_chains} (version 6; {@code docs/decisions/0006-session-chains-table.md}); {@code sessions},
 * written once a session and again at its revocation, may fill its pages. It runs before version 8 fills
 * {@code session_chains}, so the existing chains are written with the room kept. Nothing changes on H2.
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
