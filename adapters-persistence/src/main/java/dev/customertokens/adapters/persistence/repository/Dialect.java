package dev.customertokens.adapters.persistence.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The little SQL that H2 and PostgreSQL spell differently, chosen by the database product. Upserts are one
 * statement each ({@code MERGE … KEY} on H2, {@code INSERT … ON CONFLICT} on PostgreSQL), so that concurrent
 * imports never find a row half written or trip over each other's insert.
 */
public enum Dialect {
    H2("SELECT NEXT VALUE FOR session_ids") {
        @Override
        String upsert(String table, String columns) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (id) VALUES (" + parameters(columns) + ")";
        }
    },
    POSTGRESQL("SELECT nextval('session_ids')") {
        @Override
        String upsert(String table, String columns) {
            String updates = Arrays.stream(columns.split(",")).map(String::strip).filter(column -> !column.equals("id"))
                    .map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters(columns) + ") "
                    + "ON CONFLICT (id) DO UPDATE SET " + updates;
        }
    };

    private final String nextSessionIdSql;

    Dialect(String nextSessionIdSql) {
        this.nextSessionIdSql = nextSessionIdSql;
    }

    String nextSessionIdSql() {
        return nextSessionIdSql;
    }

    /**
     * One statement that inserts the row, or updates every other column of the row with the same {@code id}. Its
     * named parameters are the columns in camel case ({@code app_key} is {@code :appKey}).
     */
    abstract String upsert(String table, String columns);

    static String parameters(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).map(Dialect::camelCase)
                .map(name -> ":" + name).collect(Collectors.joining(", "));
    }

    private static String camelCase(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    public static Dialect of(Connection connection) throws SQLException {
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
