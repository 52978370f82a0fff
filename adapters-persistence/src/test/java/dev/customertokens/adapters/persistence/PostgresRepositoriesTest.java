package dev.customertokens.adapters.persistence;

import dev.customertokens.testkit.EmbeddedPostgresServer;

/** The repository contracts on a real PostgreSQL 17. */
class PostgresRepositoriesTest extends RepositoryContractSuite {

    @Override
    DatabaseSettings databaseToTest() {
        return DatabaseSettings.of(EmbeddedPostgresServer.newDatabaseUrl(), "postgres", null);
    }
}
