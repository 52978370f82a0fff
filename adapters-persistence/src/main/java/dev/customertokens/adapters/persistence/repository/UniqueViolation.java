package dev.customertokens.adapters.persistence.repository;

import java.sql.SQLException;

/** Recognises a unique-constraint violation (SQLState 23505, on H2 and PostgreSQL alike) under JDBI's wrapping. */
final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";
    /** H2's MERGE of one new key by two transactions at once: the loser inserts too; its retry finds the row. */
    static final int ATTEMPTS = 3;

    private UniqueViolation() {
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
