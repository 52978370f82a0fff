package dev.customertokens.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection for the embedded file's own work (checkpoints, the journal's replay): outside the
 * pool where the adapter pooled the URL itself, from the host's DataSource where it handed one over.
 */
@FunctionalInterface
interface ConnectionOpener {
    Connection open() throws SQLException;
}
