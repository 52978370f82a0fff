package dev.customertokens.adapters.persistence;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The repository contracts on an H2 file database, as {@code serve} runs it by default. */
class H2FileRepositoriesTest extends RepositoryContractSuite {

    @TempDir
    static Path directory;

    @Override
    DatabaseSettings databaseToTest() {
        return DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath(), "sa", "");
    }
}
