package dev.customertokens.adapters.persistence;

import dev.customertokens.adapters.persistence.postgres.PipelinedRefreshStatements;
import dev.customertokens.adapters.persistence.repository.DirectRefreshStatements;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link Database} puts together for each kind of database: a refresh's statements in batches on
 * PostgreSQL where a batch commits as one transaction, the idle compaction only where this process owns
 * the embedded file.
 */
class DatabaseCompositionTest {

    @TempDir
    Path directory;

    @Test
    void postgresql_runs_the_refresh_statements_in_batches() {
        try (Database database = Database.open(DatabaseSettings.builder().jdbcUrl(EmbeddedPostgresServer.newDatabaseUrl())
                .user("postgres").poolSize(2).build())) {
            assertThat(database.refreshStatements()).isInstanceOf(PipelinedRefreshStatements.class);
        }
    }

    @Test
    void with_the_simple_query_protocol_each_refresh_runs_its_statements_alone() {
        String simple = EmbeddedPostgresServer.newDatabaseUrl() + "?preferQueryMode=simple";
        try (Database onSimpleProtocol = Database.open(DatabaseSettings.builder().jdbcUrl(simple).user("postgres")
                .poolSize(2).build())) {
            assertThat(onSimpleProtocol.refreshStatements()).isInstanceOf(DirectRefreshStatements.class);
        }
    }

    @Test
    void the_database_that_owns_the_journal_compacts_and_a_second_opening_of_the_file_does_not() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("owned"), "sa", "");
        try (Database owner = Database.open(settings);
             Database second = Database.open(settings);
             Database memory = Database.open(DatabaseSettings.of("jdbc:h2:mem:idle-compaction-owner", "sa", ""))) {
            assertThat(owner.compactsFileWhileIdle()).isTrue();
            assertThat(second.compactsFileWhileIdle()).isFalse();
            assertThat(memory.compactsFileWhileIdle()).isFalse();
        }
    }
}
