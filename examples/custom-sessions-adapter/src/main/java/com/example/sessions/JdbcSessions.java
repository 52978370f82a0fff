package com.example.sessions;

import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sessions port in plain JDBC, on the tables of {@code schema.sql}. Every write is committed before it
 * returns, so it is as durable as the database's commit. The rotation and the grace-replay count are each
 * one conditional UPDATE (a compare-and-set): the row count says whether this call won. Every statement of
 * a refresh names the customer beside the session, so the table can be sharded by customer.
 */
public final class JdbcSessions implements Sessions {

    // H2 and the SQL standard; PostgreSQL spells it SELECT nextval('session_ids')
    private static final String NEXT_ID = "SELECT NEXT VALUE FOR session_ids";
    private static final String FIND = "SELECT " + SessionRows.COLUMNS + " FROM sessions s WHERE s.id = ?";
    private static final String LIST_OF = "SELECT " + SessionRows.COLUMNS
            + " FROM sessions s WHERE s.customer_id = ? ORDER BY s.id";

    /** The refresh's read: the session and its customer's account in one round trip (no account: NULLs). */
    private static final String FIND_WITH_CUSTOMER = "SELECT " + SessionRows.COLUMNS + ", " + JdbcCustomerAccounts.COLUMNS
            + " FROM sessions s LEFT JOIN customer_accounts a ON a.id = s.customer_id"
            + " WHERE s.id = ? AND s.customer_id = ?";

    /**
     * The rotation: it applies only while the session is live and its current token is the expected one.
     * Concurrent updaters of the row wait for its lock, then see the winner's committed row, no longer
     * match and update nothing.
     */
    private static final String ROTATE = """
            UPDATE sessions
               SET current_jti = ?, previous_jti = ?, rotated_at_ms = ?, rotation_request_id = ?,
                   rotations = rotations + 1, grace_replays = 0, device_uuid = COALESCE(?, device_uuid)
             WHERE id = ? AND customer_id = ? AND current_jti = ? AND revoked_at_ms IS NULL""";

    private static final String COUNT_GRACE_REPLAY = """
            UPDATE sessions SET grace_replays = grace_replays + 1
             WHERE id = ? AND customer_id = ? AND current_jti = ? AND revoked_at_ms IS NULL AND grace_replays < ?""";

    // A revocation sets revoked_at_ms, which the rotation's WHERE clause requires to be NULL: no rotation
    // can apply after it, and the first revocation's time and reason stay.
    private static final String REVOKE = """
            UPDATE sessions SET revoked_at_ms = ?, revocation_reason = ?
             WHERE id = ? AND revoked_at_ms IS NULL""";
    private static final String REVOKE_OWNED = REVOKE + " AND customer_id = ?";
    private static final String REVOKE_ALL_OF = """
            UPDATE sessions SET revoked_at_ms = ?, revocation_reason = ?
             WHERE customer_id = ? AND revoked_at_ms IS NULL""";

    private final Jdbc jdbc;

    /** @param dataSource the database of the {@code sessions} and {@code customer_accounts} tables */
    public JdbcSessions(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public SessionId nextId() {
        return jdbc.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(NEXT_ID);
                 ResultSet row = statement.executeQuery()) {
                row.next();
                return SessionId.of(row.getLong(1));
            }
        });
    }

    @Override
    public void create(Session session) {
        jdbc.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SessionRows.INSERT)) {
                SessionRows.bindInsert(statement, session);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void createAll(List<Session> sessions) {
        jdbc.writeInOneTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SessionRows.INSERT)) {
                for (Session session : sessions) {
                    SessionRows.bindInsert(statement, session);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return jdbc.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND)) {
                statement.setLong(1, id.value());
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(SessionRows.read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Session> listOf(CustomerId customer) {
        return jdbc.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LIST_OF)) {
                statement.setString(1, customer.value());
                try (ResultSet row = statement.executeQuery()) {
                    List<Session> sessions = new ArrayList<>();
                    while (row.next()) {
                        sessions.add(SessionRows.read(row));
                    }
                    return sessions;
                }
            }
        });
    }

    @Override
    public Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer) {
        return jdbc.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND_WITH_CUSTOMER)) {
                statement.setLong(1, id.value());
                statement.setString(2, customer.value());
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new SessionWithCustomer(SessionRows.read(row), JdbcCustomerAccounts.read(row)));
                }
            }
        });
    }

    @Override
    public boolean rotate(Rotation rotation) {
        return jdbc.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(ROTATE)) {
                statement.setString(1, rotation.newJti());
                statement.setString(2, rotation.presentedJti());
                statement.setLong(3, rotation.rotatedAt().toEpochMilli());
                statement.setString(4, rotation.requestId().value());
                Jdbc.setNullableString(statement, 5, rotation.deviceUuid());
                statement.setLong(6, rotation.sessionId().value());
                statement.setString(7, rotation.customerId().value());
                statement.setString(8, rotation.expectedCurrentJti());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean countGraceReplay(SessionId id, CustomerId customer, String currentJti, int limit) {
        return jdbc.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(COUNT_GRACE_REPLAY)) {
                statement.setLong(1, id.value());
                statement.setString(2, customer.value());
                statement.setString(3, currentJti);
                statement.setInt(4, limit);
                return statement.executeUpdate() == 1;
            }
        });
    }

    // awaitDurable() keeps the interface's default, which does nothing: a row this store shows to a
    // reader has been committed, and a commit of the database is durable.

    @Override
    public boolean revoke(SessionId id, Instant at, RevocationReason reason) {
        return revoke(REVOKE, at, reason, id, null) == 1;
    }

    @Override
    public boolean revoke(CustomerId customer, SessionId id, Instant at, RevocationReason reason) {
        return revoke(REVOKE_OWNED, at, reason, id, customer) == 1;
    }

    @Override
    public int revokeAllOf(CustomerId customer, Instant at, RevocationReason reason) {
        return jdbc.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(REVOKE_ALL_OF)) {
                statement.setLong(1, at.toEpochMilli());
                statement.setString(2, reason.name());
                statement.setString(3, customer.value());
                return statement.executeUpdate();
            }
        });
    }

    /** Runs {@link #REVOKE}, or {@link #REVOKE_OWNED} when {@code customer} is given. */
    private int revoke(String sql, Instant at, RevocationReason reason, SessionId id, CustomerId customer) {
        return jdbc.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, at.toEpochMilli());
                statement.setString(2, reason.name());
                statement.setLong(3, id.value());
                if (customer != null) {
                    statement.setString(4, customer.value());
                }
                return statement.executeUpdate();
            }
        });
    }
}
