package dev.customertokens.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The little SQL that H2 and PostgreSQL spell differently, chosen by the database product. */
enum Dialect {
    H2("SELECT NEXT VALUE FOR session_ids"),
    POSTGRESQL("SELECT nextval('session_ids')");

    private final String nextSessionIdSql;

    Dialect(String nextSessionIdSql) {
        this.nextSessionIdSql = nextSessionIdSql;
    }

    String nextSessionIdSql() {
        return nextSessionIdSql;
    }

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String normalized = product.toLowerCase(Locale.ROOT);
        if (normalized.equals("h2")) {
            return H2;
        }
        if (normalized.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("unsupported database: " + product);
    }
}
