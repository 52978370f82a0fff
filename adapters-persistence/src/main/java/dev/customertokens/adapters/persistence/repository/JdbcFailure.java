package dev.customertokens.adapters.persistence.repository;

import java.sql.SQLException;

/** Carries a checked SQL failure of the hot path through the same translation as JDBI's ({@link StorageFaults}). */
public final class JdbcFailure extends RuntimeException {
    public JdbcFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
