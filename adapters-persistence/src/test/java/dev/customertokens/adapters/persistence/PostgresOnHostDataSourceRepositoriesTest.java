package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.testkit.EmbeddedPostgresServer;

/** The repository contracts on a real PostgreSQL 17 that a host's pool reaches. */
class PostgresOnHostDataSourceRepositoriesTest extends HostDataSourceContractSuite {

    @Override
    HikariDataSource openHostPool() {
        return HostPools.of(EmbeddedPostgresServer.newDatabaseUrl(), "postgres", null);
    }
}
