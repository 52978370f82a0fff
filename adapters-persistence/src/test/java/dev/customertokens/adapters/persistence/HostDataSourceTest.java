package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.adapters.persistence.postgres.PipelinedRefreshStatements;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database opened on a host's DataSource: the host's connections tell which database it is, they serve
 * the embedded file's own work too, and the host's pool stays open when the database closes.
 */
class HostDataSourceTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void closing_the_database_leaves_the_hosts_pool_open(String databaseKind) throws SQLException {
        try (HikariDataSource host = databaseKind.equals("h2")
                ? HostPools.of("jdbc:h2:mem:host-close-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : HostPools.of(EmbeddedPostgresServer.newDatabaseUrl(), "postgres", null)) {
            try (Database database = Database.open(DatabaseSettings.builder().dataSource(host).build())) {
                database.customerAccounts().save(DemoData.ivan());
            }

            assertThat(host.isClosed()).isFalse();
            try (Connection connection = host.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM customer_accounts")) {
                rows.next();
                assertThat(rows.getInt(1)).as("the account saved through the database").isEqualTo(1);
            }
        }
    }

    @Test
    void which_database_it_is_the_hosts_connections_tell() {
        try (HikariDataSource memory = HostPools.of("jdbc:h2:mem:host-kind-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
             HikariDataSource postgres = HostPools.of(EmbeddedPostgresServer.newDatabaseUrl(), "postgres", null);
             Database onMemory = Database.open(DatabaseSettings.builder().dataSource(memory).build());
             Database onPostgres = Database.open(DatabaseSettings.builder().dataSource(postgres).build())) {
            assertThat(onMemory.isEmbeddedH2()).isTrue();
            assertThat(onPostgres.isEmbeddedH2()).isFalse();
            assertThat(onPostgres.refreshStatements()).isInstanceOf(PipelinedRefreshStatements.class);
        }
    }

    @Test
    void an_h2_file_behind_the_hosts_pool_is_journalled_and_compacted_by_its_first_opening() {
        Path file = directory.resolve("tokens").toAbsolutePath();
        try (HikariDataSource host = HostPools.of("jdbc:h2:file:" + file, "sa", "");
             Database database = Database.open(DatabaseSettings.builder().dataSource(host).build())) {
            assertThat(database.isEmbeddedH2()).isTrue();
            assertThat(database.compactsFileWhileIdle()).isTrue();
            assertThat(Path.of(file + ".journal")).as("the journal beside the file").isDirectory();

            database.customerAccounts().save(DemoData.ivan());
            assertThat(database.customerAccounts().find(DemoData.IVAN_ID)).contains(DemoData.ivan());
        }
    }
}
