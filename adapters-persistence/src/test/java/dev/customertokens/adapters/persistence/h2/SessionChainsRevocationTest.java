package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.repository.SessionWrite;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revocation marks the session's chain revoked, which is what the rotation's compare-and-set reads: in
 * every path that writes one, including the journal's replay and a login racing a revocation of all of a
 * customer's sessions.
 */
class SessionChainsRevocationTest {

    private static final CustomerId CUSTOMER = CustomerId.of("0da5a3f0-a354-4c04-8438-f1389c19a3f7");
    private static final Instant LOGIN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-01T11:00:00Z");

    // a minute for a lock, not H2's two seconds: the race test holds one while a login commits, on a busy machine
    private final String url = "jdbc:h2:mem:chains-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";
    private Database database;
    private Sessions sessions;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(url, "sa", ""));
        sessions = database.sessions();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_journalled_revocation_replayed_revokes_the_chain_once() throws SQLException {
        Session session = begin();
        JournalRecord.Change record = new JournalRecord.Change(new SessionWrite.Revocation(session.id().value(), CUSTOMER.value(),
                LATER.toEpochMilli(), RevocationReason.REUSE_DETECTED.name()));

        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertThat(record.replay(connection)).isEqualTo(1);
            assertThat(record.replay(connection)).as("already applied").isZero();
        }

        assertThat(sessions.rotate(rotationOf(session))).isFalse();
        assertThat(sessions.find(session.id()).orElseThrow().revocationReason()).isEqualTo(RevocationReason.REUSE_DETECTED);
    }

    @Test
    void a_login_committed_while_all_of_its_customers_sessions_are_being_revoked_stays_live() throws Exception {
        Session revoked = begin();
        ExecutorService revoker = Executors.newSingleThreadExecutor();
        try (Connection holder = DriverManager.getConnection(url, "sa", "")) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT 1 FROM sessions WHERE id = " + revoked.id().value() + " FOR UPDATE");
            }
            Future<Integer> revokeAll = revoker.submit(() -> sessions.revokeAllOf(CUSTOMER, LATER, RevocationReason.OPERATOR));
            // its first statement has begun, and waits for the held session; every later one would see the login
            awaitABlockedSession(holder, revokeAll);

            Session login = begin();
            holder.commit();

            assertThat(revokeAll.get(1, TimeUnit.MINUTES)).isEqualTo(1);
            assertThat(sessions.rotate(rotationOf(revoked))).isFalse();
            assertThat(sessions.find(login.id()).orElseThrow().isRevoked()).isFalse();
            assertThat(sessions.rotate(rotationOf(login))).isTrue();
        } finally {
            revoker.shutdownNow();
        }
    }

    /** Until a session of the database waits for a lock (a state, polled: no timer decides). */
    private static void awaitABlockedSession(Connection connection, Future<?> blocked) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (blocked.isDone()) {
                    blocked.get(); // its failure, rather than a minute's wait
                    throw new AssertionError("finished without waiting for the held lock");
                }
                assertThat(System.nanoTime()).as("a session waits for the held lock").isLessThan(deadline);
                Thread.sleep(1);
            }
        }
    }

    private Session begin() {
        Session session = Session.begin(sessions.nextId(), CUSTOMER, ApplicationId.of(15), null, LOGIN, "jti-" + System.nanoTime());
        sessions.create(session);
        return session;
    }

    private static Rotation rotationOf(Session session) {
        return new Rotation(session.id(), CUSTOMER, session.currentJti(), "jti-next", LATER, RequestId.of("request-1"), null);
    }
}
