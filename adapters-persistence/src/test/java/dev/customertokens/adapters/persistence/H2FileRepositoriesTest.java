package dev.customertokens.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The repository contracts on an H2 file database, as {@code serve} runs it by default. */
class H2FileRepositoriesTest extends RepositoryContractSuite {

    @TempDir
    static Path directory;
    private static DatabaseSettings settings;
    private static Database database;

    @BeforeAll
    static void open() {
        settings = DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath(), "sa", "");
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
