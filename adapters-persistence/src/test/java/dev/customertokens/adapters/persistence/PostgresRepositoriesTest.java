package dev.customertokens.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The repository contracts on a real PostgreSQL 17. */
class PostgresRepositoriesTest extends RepositoryContractSuite {

    private static DatabaseSettings settings;
    private static Database database;

    @BeforeAll
    static void open() {
        settings = DatabaseSettings.of(EmbeddedPostgresServer.newDatabaseUrl(), "postgres", null);
        database = Database.open(settings);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    DatabaseSettings settings() {
        return settings;
    }

    @Override
    Database database() {
        return database;
    }
}
