package dev.customertokens.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The repository contracts on an in-memory H2 database. */
class H2MemoryRepositoriesTest extends RepositoryContractSuite {

    private static final DatabaseSettings SETTINGS = DatabaseSettings.of("jdbc:h2:mem:contract-" + System.nanoTime(), "sa", "");
    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(SETTINGS);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    DatabaseSettings settings() {
        return SETTINGS;
    }

    @Override
    Database database() {
        return database;
    }
}
