package dev.customertokens.adapters.persistence.h2;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection for the embedded file's own work (checkpoints, the journal's replay): outside the
 * pool where the adapter pooled the URL itself, from the host's DataSource where it handed one over.
 */
@FunctionalInterface
public interface ConnectionOpener {
    Connection open() throws SQLException;
}
