package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;

/** The repository contracts on a database that a host's pool reaches: the host opens the pool, and closes it. */
abstract class HostDataSourceContractSuite extends RepositoryContractSuite {

    private HikariDataSource hostPool;

    /** Called once, before the first test. */
    abstract HikariDataSource openHostPool();

    @Override
    final DatabaseSettings databaseToTest() {
        hostPool = openHostPool();
        return DatabaseSettings.builder().dataSource(hostPool).build();
    }

    @Override
    final void closeWhatTheDatabaseUsed() {
        hostPool.close();
    }
}
