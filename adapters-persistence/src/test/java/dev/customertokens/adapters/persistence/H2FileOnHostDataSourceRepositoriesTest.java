package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The repository contracts on an H2 file database that a host's pool reaches: its writes made durable by
 * the journal and checkpoints, over the host's connections.
 */
class H2FileOnHostDataSourceRepositoriesTest extends HostDataSourceContractSuite {

    @TempDir
    static Path directory;

    @Override
    HikariDataSource openHostPool() {
        return HostPools.of("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath(), "sa", "");
    }
}
