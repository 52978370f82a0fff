package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Each refresh's statements on a connection of its own from the pool, the rotation journalled where the
 * store journals (the embedded H2 file).
 */
final class DirectRefreshStatements implements RefreshStatements {

    private final Storage storage;

    DirectRefreshStatements(Storage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer) {
        return storage.withConnection(connection -> find(connection, id.value(), customer.value()));
    }

    @Override
    public boolean rotate(JournalRecord.Rotation rotation) {
        return storage.journaledWrite(connection -> rotate(connection, rotation) ? rotation : null);
    }

    static Optional<SessionWithCustomer> find(Connection connection, long sessionId, String customerId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SessionStatements.FIND_WITH_CUSTOMER)) {
            statement.setLong(1, sessionId);
            statement.setString(2, customerId);
            try (ResultSet rs = statement.executeQuery()) {
                return read(rs);
            }
        }
    }

    /** The first row of a {@link SessionStatements#FIND_WITH_CUSTOMER} result, if any. */
    static Optional<SessionWithCustomer> read(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        Session session = SessionRow.read(rs).toDomain();
        CustomerAccountRow account = CustomerAccountRow.read(rs, SessionStatements.FIRST_CUSTOMER_COLUMN);
        CustomerAccount found = account == null ? null : account.toDomain();
        return Optional.of(new SessionWithCustomer(session, found));
    }

    static boolean rotate(Connection connection, JournalRecord.Rotation rotation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SessionStatements.ROTATE)) {
            SessionStatements.bindRotation(statement, rotation);
            return statement.executeUpdate() == 1;
        }
    }

    @Override
    public void close() {
    }
}
