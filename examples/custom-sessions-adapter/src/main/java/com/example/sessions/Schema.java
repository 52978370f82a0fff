package com.example.sessions;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates the adapter's tables ({@code schema.sql} beside this class) where they are missing; running it
 * on a database that has them changes nothing. A service with a migration tool (Flyway, Liquibase) would
 * hand it the same file instead.
 */
public final class Schema {

    private static final Pattern END_OF_STATEMENT = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private Schema() {
    }

    public static void createIfAbsent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : END_OF_STATEMENT.split(script())) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the sessions schema", e);
        }
    }

    private static String script() {
        try (InputStream in = Schema.class.getResourceAsStream("schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema.sql is missing beside " + Schema.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
