package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * The statements of a refresh, in plain JDBC rather than JDBI
 * ({@code docs/decisions/0002-plain-jdbc-on-the-refresh-path.md}), and what runs them. Each names the
 * customer (the token's {@code sub}) beside the session id, so that sessions can be placed by customer on
 * a sharded engine with no change here.
 */
public final class SessionStatements {

    /** The session with its customer's account; the account's columns are null when it was deleted. */
    public static final String FIND_WITH_CUSTOMER = "SELECT " + SessionRow.SELECTED + ", c.id, c.type_id, c.first_name, "
            + "c.last_name, c.email, c.confirmed, c.phone_number, c.locale, c.state, c.demographics, "
            + "c.optin_status_email, c.optin_status_pn, c.has_pending_email_change, c.has_pending_phone_number_change, "
            + "c.is_social FROM " + SessionRow.FROM + " LEFT JOIN customer_accounts c ON c.id = s.customer_id "
            + "WHERE s.id = ? AND s.customer_id = ?";
    private static final int FIRST_CUSTOMER_COLUMN = SessionRow.COLUMN_COUNT + 1;

    /**
     * The rotation's compare-and-set: it applies only while the presented token is still current and the
     * session live, and the row count tells whether this call won. Correct with any number of callers, on
     * one node or many: a second updater waits for the first's row lock, then re-reads the committed row
     * (PostgreSQL's READ COMMITTED re-evaluates the WHERE clause; H2 re-reads it), which no longer matches.
     */
    public static final String ROTATE = "UPDATE session_chains SET previous_jti = ?, current_jti = ?, rotated_at_ms = ?, "
            + "rotation_request_id = ?, rotations = rotations + 1, grace_replays = 0, "
            + "device_uuid = COALESCE(CAST(? AS VARCHAR(128)), device_uuid) "
            + "WHERE id = ? AND customer_id = ? AND current_jti = ? AND revoked = FALSE";

    /** One more grace replay of the previous token, while the session is live, unrotated and under the bound. */
    static final String COUNT_GRACE_REPLAY = "UPDATE session_chains SET grace_replays = grace_replays + 1 "
            + "WHERE id = ? AND customer_id = ? AND current_jti = ? AND grace_replays < ? AND revoked = FALSE";

    static final String REVOKE_OWNED = "UPDATE sessions SET revoked_at_ms = ?, revocation_reason = ? "
            + "WHERE id = ? AND customer_id = ? AND revoked_at_ms IS NULL";
    /** The revocation's mirror in the chain, which the rotation's compare-and-set reads. */
    static final String REVOKE_OWNED_CHAIN = "UPDATE session_chains SET revoked = TRUE WHERE id = ? AND customer_id = ?";

    private SessionStatements() {
    }

    /** The session with its customer's account, if the session is the customer's. */
    public static Optional<SessionWithCustomer> find(Connection connection, long sessionId, String customerId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND_WITH_CUSTOMER)) {
            statement.setLong(1, sessionId);
            statement.setString(2, customerId);
            try (ResultSet rs = statement.executeQuery()) {
                return readFound(rs);
            }
        }
    }

    /** The first row of a {@link #FIND_WITH_CUSTOMER} result, if any. */
    public static Optional<SessionWithCustomer> readFound(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        Session session = SessionRow.read(rs).toDomain();
        CustomerAccountRow account = CustomerAccountRow.read(rs, FIRST_CUSTOMER_COLUMN);
        CustomerAccount found = account == null ? null : account.toDomain();
        return Optional.of(new SessionWithCustomer(session, found));
    }

    /** Runs the rotation's compare-and-set; true when this call won. */
    public static boolean rotate(Connection connection, SessionWrite.Rotation rotation) throws SQLException {
        return applyRotation(connection, rotation) == 1;
    }

    /**
     * Applies the write as the compare-and-set it is (a journal's replay).
     *
     * @return the rows it changed: 0 when it was applied already, or lost its race
     */
    public static int apply(Connection connection, SessionWrite write) throws SQLException {
        if (write instanceof SessionWrite.Rotation rotation) {
            return applyRotation(connection, rotation);
        }
        return revokeOwned(connection, (SessionWrite.Revocation) write);
    }

    private static int applyRotation(Connection connection, SessionWrite.Rotation rotation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ROTATE)) {
            bindRotation(statement, rotation);
            return statement.executeUpdate();
        }
    }

    /** Binds the rotation to {@link #ROTATE}'s parameters. */
    public static void bindRotation(PreparedStatement statement, SessionWrite.Rotation rotation) throws SQLException {
        statement.setString(1, rotation.presentedJti());
        statement.setString(2, rotation.newJti());
        statement.setLong(3, rotation.rotatedAtMs());
        statement.setString(4, rotation.requestId());
        if (rotation.deviceUuid() == null) {
            statement.setNull(5, Types.VARCHAR);
        } else {
            statement.setString(5, rotation.deviceUuid());
        }
        statement.setLong(6, rotation.sessionId());
        statement.setString(7, rotation.customerId());
        statement.setString(8, rotation.expectedJti());
    }

    /** Counts one grace replay if the session still allows it; true when this call counted it. */
    static boolean countGraceReplay(Connection connection, long sessionId, String customerId, String currentJti,
                                    int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT_GRACE_REPLAY)) {
            statement.setLong(1, sessionId);
            statement.setString(2, customerId);
            statement.setString(3, currentJti);
            statement.setInt(4, limit);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Revokes the customer's session, in {@code sessions} and in its chain, in one transaction
     * ({@link Storage#inOneTransaction}) so that no rotation can slip between the two. The session's row is
     * locked first, as a purge's cascade locks them.
     *
     * @return the sessions revoked: 1, or 0 when it was revoked already or is not the customer's
     */
    static int revokeOwned(Connection connection, SessionWrite.Revocation revocation) throws SQLException {
        return Storage.inOneTransaction(connection, inTransaction -> {
            int revoked;
            try (PreparedStatement session = inTransaction.prepareStatement(REVOKE_OWNED)) {
                session.setLong(1, revocation.atMs());
                session.setString(2, revocation.reason());
                session.setLong(3, revocation.sessionId());
                session.setString(4, revocation.customerId());
                revoked = session.executeUpdate();
            }
            if (revoked == 1) {
                try (PreparedStatement chain = inTransaction.prepareStatement(REVOKE_OWNED_CHAIN)) {
                    chain.setLong(1, revocation.sessionId());
                    chain.setString(2, revocation.customerId());
                    chain.executeUpdate();
                }
            }
            return revoked;
        });
    }
}
