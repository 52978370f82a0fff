package dev.customertokens.adapters.persistence;

/** The repository contracts on an in-memory H2 database. */
class H2MemoryRepositoriesTest extends RepositoryContractSuite {

    @Override
    DatabaseSettings databaseToTest() {
        return DatabaseSettings.of("jdbc:h2:mem:contract-" + System.nanoTime(), "sa", "");
    }
}
