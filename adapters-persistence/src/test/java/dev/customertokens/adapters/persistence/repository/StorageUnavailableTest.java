package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that cannot be reached is reported as {@link StorageUnavailableException}; other failures are not. */
class StorageUnavailableTest {

    private static final Duration SHORT_WAIT = Duration.ofMillis(500);

    @Test
    void a_database_nobody_listens_for_is_unavailable() throws IOException {
        DatabaseSettings settings = DatabaseSettings.builder()
                .jdbcUrl("jdbc:postgresql://127.0.0.1:" + unusedPort() + "/tokens").user("postgres")
                .poolSize(2).connectionTimeout(SHORT_WAIT).build();

        assertThatThrownBy(() -> Database.open(settings)).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void a_database_that_goes_down_under_an_open_pool_is_unavailable() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgresServer.startPrivate();
        DatabaseSettings settings = DatabaseSettings.builder()
                .jdbcUrl("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres").user("postgres")
                .poolSize(2).connectionTimeout(SHORT_WAIT).build();
        try (Database database = Database.open(settings)) {
            SessionId id = database.sessions().nextId();
            database.sessions().create(session(id));

            server.close();

            assertThatThrownBy(() -> database.sessions().find(id)).isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> database.sessions().find(id)).isInstanceOf(StorageUnavailableException.class);
            // the refresh's own statements, in plain JDBC, tell it the same way
            assertThatThrownBy(() -> database.sessions().findWithCustomer(id, CustomerId.of("customer")))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> database.sessions().rotate(new Rotation(id, CustomerId.of("customer"), "jti", "jti-2",
                    Instant.EPOCH, RequestId.of("r"), null))).isInstanceOf(StorageUnavailableException.class);
        } finally {
            server.close();
        }
    }

    @Test
    void the_refresh_statements_on_a_closed_database_are_unavailable_not_a_failure() {
        Database database = Database.open(DatabaseSettings.of("jdbc:h2:mem:closed-" + System.nanoTime(), "sa", ""));
        SessionId id = database.sessions().nextId();
        database.sessions().create(session(id));
        database.close();

        assertThatThrownBy(() -> database.sessions().findWithCustomer(id, CustomerId.of("customer")))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void a_failing_statement_on_a_reachable_database_is_not_unavailability() {
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:mem:faults-" + System.nanoTime(), "sa", ""))) {
            SessionId id = database.sessions().nextId();
            database.sessions().create(session(id));

            assertThatThrownBy(() -> database.sessions().create(session(id)))
                    .isNotInstanceOf(StorageUnavailableException.class)
                    .hasRootCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void connection_failures_are_told_from_other_sql_failures() {
        assertThat(StorageFaults.isUnavailable(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(StorageFaults.isUnavailable(new SQLException("shutting down", "57P01"))).isTrue();
        assertThat(StorageFaults.isUnavailable(new java.sql.SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(StorageFaults.isUnavailable(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(StorageFaults.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    private static Session session(SessionId id) {
        return Session.begin(id, CustomerId.of("customer"), ApplicationId.of(15), null, Instant.EPOCH, "jti");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
