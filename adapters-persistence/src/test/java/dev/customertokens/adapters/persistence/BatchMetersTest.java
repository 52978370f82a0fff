package dev.customertokens.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter's meters in the host's registry, under the names, tags and descriptions operators know. */
class BatchMetersTest {

    private static final String DURABLE_WRITES = "customer_tokens_durable_write_batch_size";
    private static final String REFRESH_STATEMENTS = "customer_tokens_refresh_statement_batch_size";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path directory;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void the_embedded_files_checkpoints_and_the_adapters_pool_are_metered() throws InterruptedException {
        try (Database database = Database.open(DatabaseSettings.builder()
                .jdbcUrl("jdbc:h2:file:" + directory.resolve("metered")).user("sa").password("")
                .meterRegistry(registry).build())) {
            database.customerAccounts().save(DemoData.ivan());

            DistributionSummary durableWrites = registry.get(DURABLE_WRITES).summary();
            awaitACount(durableWrites);
            assertThat(durableWrites.getId().getDescription()).isEqualTo("Writes made durable by one checkpoint of the "
                    + "embedded database file (the group commit's batch size; rotations are journalled one by one instead)");
            assertThat(registry.find("hikaricp.connections").tag("pool", "customer-tokens").gauge()).isNotNull();
        }
    }

    @Test
    void a_refreshs_reads_and_rotations_on_postgresql_are_metered_by_statement() {
        try (Database database = Database.open(DatabaseSettings.builder().jdbcUrl(EmbeddedPostgresServer.newDatabaseUrl())
                .user("postgres").meterRegistry(registry).build())) {
            SessionId id = database.sessions().nextId();
            CustomerId customer = CustomerId.of("metered");
            database.sessions().create(Session.begin(id, customer, ApplicationId.of(15), null, NOW, "jti-0"));

            assertThat(database.sessions().findWithCustomer(id, customer)).isPresent();
            assertThat(database.sessions().rotate(new Rotation(id, customer, "jti-0", "jti-1", NOW, RequestId.of("r-1"),
                    null))).isTrue();

            for (String statement : new String[]{"read", "rotation"}) {
                DistributionSummary batches = registry.get(REFRESH_STATEMENTS).tag("statement", statement).summary();
                assertThat(batches.count()).as(statement).isEqualTo(1);
                assertThat(batches.totalAmount()).as(statement).isEqualTo(1);
                assertThat(batches.getId().getDescription())
                        .isEqualTo("A refresh's statements of one kind sent to PostgreSQL in one round trip");
            }
        }
    }

    @Test
    void on_a_hosts_data_source_the_batches_are_metered_and_the_pool_is_the_hosts_to_meter() {
        try (HikariDataSource host = HostPools.of("jdbc:h2:mem:metered-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
             Database database = Database.open(DatabaseSettings.builder().dataSource(host).meterRegistry(registry)
                     .build())) {
            assertThat(database.isEmpty()).isTrue();
            assertThat(registry.find(DURABLE_WRITES).summary()).isNotNull();
            assertThat(registry.find(REFRESH_STATEMENTS).tag("statement", "read").summary()).isNotNull();
            assertThat(registry.find(REFRESH_STATEMENTS).tag("statement", "rotation").summary()).isNotNull();
            assertThat(registry.find("hikaricp.connections").meters()).isEmpty();
        }
    }

    /** The checkpoint's thread records its batch after it let the waiters go: polled, a minute at most. */
    private static void awaitACount(DistributionSummary summary) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (summary.count() == 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(summary.count()).as("checkpoints recorded").isPositive();
    }
}
