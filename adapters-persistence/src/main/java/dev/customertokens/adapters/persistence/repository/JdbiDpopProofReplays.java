package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.DpopProofReplays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The {@code jti}s of accepted DPoP proofs in the table {@code dpop_proofs} (migration 9), keyed by key thumbprint
 * and {@code jti}, shared by every node on the database. An accepted proof is one insert; the primary key makes a
 * second use of the same proof fail, on one node or many. A record past its expiry counts for nothing: it may be
 * taken again, by a conditional update that only one taker can win, and housekeeping deletes it in batches.
 */
public final class JdbiDpopProofReplays implements DpopProofReplays {

    static final String INSERT = "INSERT INTO dpop_proofs (jkt, jti, expires_at_ms) VALUES (?, ?, ?)";
    /** PostgreSQL's insert also takes an expired record over, in the same statement. */
    static final String POSTGRES_INSERT = INSERT + " ON CONFLICT (jkt, jti) DO UPDATE SET expires_at_ms = "
            + "EXCLUDED.expires_at_ms WHERE dpop_proofs.expires_at_ms <= ?";
    static final String TAKE_EXPIRED = "UPDATE dpop_proofs SET expires_at_ms = ? "
            + "WHERE jkt = ? AND jti = ? AND expires_at_ms <= ?";
    static final String WAS_USED = "SELECT 1 FROM dpop_proofs WHERE jkt = ? AND jti = ? AND expires_at_ms > ?";
    // as for sessions: PostgreSQL's DELETE has no row limit, and a batch skips the rows another node's batch holds
    static final String POSTGRES_PURGE = "DELETE FROM dpop_proofs WHERE (jkt, jti) IN (SELECT jkt, jti "
            + "FROM dpop_proofs WHERE expires_at_ms <= ? LIMIT ? FOR UPDATE SKIP LOCKED)";
    static final String H2_PURGE = "DELETE FROM dpop_proofs WHERE expires_at_ms <= ? FETCH FIRST ? ROWS ONLY";

    private static final String UNIQUE_VIOLATION = "23505";

    private final Storage storage;
    private final Dialect dialect;

    public JdbiDpopProofReplays(Storage storage, Dialect dialect) {
        this.storage = storage;
        this.dialect = dialect;
    }

    /**
     * Not waited for to be durable on an embedded H2 file: a record lost in a crash could only let a proof for the
     * token that request rotated be sent again within its skew window, and that token is then the previous one
     * (a grace replay, whose successor is bound to the same key) or reuse.
     */
    @Override
    public boolean recordFirstUse(String jkt, String jti, Instant now, Instant expiresAt) {
        long nowMs = now.toEpochMilli();
        long expiresAtMs = expiresAt.toEpochMilli();
        return storage.withConnection(connection -> dialect == Dialect.POSTGRESQL
                ? update(connection, POSTGRES_INSERT, jkt, jti, expiresAtMs, nowMs) == 1
                : insertOrTakeExpired(connection, jkt, jti, nowMs, expiresAtMs));
    }

    private static boolean insertOrTakeExpired(Connection connection, String jkt, String jti, long nowMs,
                                               long expiresAtMs) throws SQLException {
        try {
            return update(connection, INSERT, jkt, jti, expiresAtMs, null) == 1;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        // used before: the proof is new again only if that use expired; of racing takers one updates the row
        try (PreparedStatement take = connection.prepareStatement(TAKE_EXPIRED)) {
            take.setLong(1, expiresAtMs);
            take.setString(2, jkt);
            take.setString(3, jti);
            take.setLong(4, nowMs);
            return take.executeUpdate() == 1;
        }
    }

    private static int update(Connection connection, String sql, String jkt, String jti, long expiresAtMs,
                              Long nowMs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, jkt);
            statement.setString(2, jti);
            statement.setLong(3, expiresAtMs);
            if (nowMs != null) {
                statement.setLong(4, nowMs);
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public boolean wasUsed(String jkt, String jti, Instant now) {
        return storage.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(WAS_USED)) {
                query.setString(1, jkt);
                query.setString(2, jti);
                query.setLong(3, now.toEpochMilli());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** A purge forgotten by a crash is simply done again, so it does not wait to be durable either. */
    @Override
    public int purgeExpired(Instant now, int batchSize) {
        String sql = dialect == Dialect.POSTGRESQL ? POSTGRES_PURGE : H2_PURGE;
        return storage.withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setLong(1, now.toEpochMilli());
                delete.setInt(2, batchSize);
                return delete.executeUpdate();
            }
        });
    }
}
