package dev.customertokens.adapters.persistence.migration;

import dev.customertokens.testkit.EmbeddedPostgresServer;

import java.nio.file.Path;

/** A new, empty database of a kind the migrations run on: an H2 file, or a database on the embedded PostgreSQL. */
record FreshDatabase(String url, String user, String password) {

    /** @param kind {@code h2} or {@code postgresql}; @param file where an H2 file is made */
    static FreshDatabase of(String kind, Path file) {
        return kind.equals("h2") ? new FreshDatabase("jdbc:h2:file:" + file, "sa", "")
                : new FreshDatabase(EmbeddedPostgresServer.newDatabaseUrl(), "postgres", null);
    }
}
