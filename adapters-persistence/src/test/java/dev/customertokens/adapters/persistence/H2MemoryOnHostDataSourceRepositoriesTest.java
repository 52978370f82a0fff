package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;

/** The repository contracts on an in-memory H2 database that a host's pool reaches. */
class H2MemoryOnHostDataSourceRepositoriesTest extends HostDataSourceContractSuite {

    @Override
    HikariDataSource openHostPool() {
        return HostPools.of("jdbc:h2:mem:host-contract-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
