package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.time.Instant;
import java.util.Optional;

/**
 * The sessions in the {@code sessions} table. Every method is one statement in autocommit mode, so one
 * round trip and one transaction, committed durably before it returns (on an H2 file, by a group
 * commit: see {@link GroupCommit}).
 */
final class JdbiSessions implements Sessions {

    private static final String INSERT = "INSERT INTO sessions (" + SessionRow.COLUMNS + ") VALUES (:id, :customerId, "
            + ":applicationId, :deviceUuid, :startedAtMs, :currentJti, :currentToken, :previousJti, :rotatedAtMs, "
            + ":rotationRequestId, :rotations, :revokedAtMs, :revocationReason)";
    private static final String FIND = "SELECT " + SessionRow.COLUMNS + " FROM sessions WHERE id = :id";
    /**
     * The rotation's compare-and-set: it applies only while the presented token is still current and the
     * session live, and the row count tells whether this call won.
     *
     * <p>It stays correct with any number of concurrent callers, on one node or many. Both databases lock
     * the row for the update, and a second updater waits for the first to finish. PostgreSQL, in its
     * default READ COMMITTED level, then re-evaluates the WHERE clause against the row version the first
     * one committed ("EvalPlanQual", see the manual's "Transaction Isolation", 13.2.1): {@code current_jti}
     * no longer matches, so the second updates nothing. H2 (MVStore) likewise re-reads the committed row
     * after the lock wait. The contract test races 32 threads, and a PostgreSQL test two pools, to show it.
     */
    private static final String ROTATE = "UPDATE sessions SET previous_jti = current_jti, current_jti = :newJti, "
            + "current_token = :newToken, rotated_at_ms = :rotatedAtMs, rotation_request_id = :requestId, "
            + "rotations = rotations + 1, device_uuid = COALESCE(CAST(:deviceUuid AS VARCHAR(128)), device_uuid) "
            + "WHERE id = :id AND current_jti = :expectedJti AND revoked_at_ms IS NULL";
    private static final String REVOKE = "UPDATE sessions SET revoked_at_ms = :at, revocation_reason = :reason "
            + "WHERE id = :id AND revoked_at_ms IS NULL";
    private static final String REVOKE_ALL_OF = "UPDATE sessions SET revoked_at_ms = :at, revocation_reason = :reason "
            + "WHERE customer_id = :customerId AND revoked_at_ms IS NULL";

    private final Storage storage;
    private final String nextIdSql;

    JdbiSessions(Storage storage, Dialect dialect) {
        this.storage = storage;
        this.nextIdSql = dialect.nextSessionIdSql();
    }

    @Override
    public SessionId nextId() {
        return SessionId.of(storage.withHandle(handle -> handle.createQuery(nextIdSql).mapTo(Long.class).one()));
    }

    @Override
    public void create(Session session) {
        SessionRow row = SessionRow.from(session);
        storage.write(handle -> handle.createUpdate(INSERT)
                .bind("id", row.id())
                .bind("customerId", row.customerId())
                .bind("applicationId", row.applicationId())
                .bind("deviceUuid", row.deviceUuid())
                .bind("startedAtMs", row.startedAtMs())
                .bind("currentJti", row.currentJti())
                .bind("currentToken", row.currentToken())
                .bind("previousJti", row.previousJti())
                .bind("rotatedAtMs", row.rotatedAtMs())
                .bind("rotationRequestId", row.rotationRequestId())
                .bind("rotations", row.rotations())
                .bind("revokedAtMs", row.revokedAtMs())
                .bind("revocationReason", row.revocationReason())
                .execute());
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return storage.withHandle(handle -> handle.createQuery(FIND)
                .bind("id", id.value())
                .map(SessionRow.MAPPER)
                .findOne()
                .map(SessionRow::toDomain));
    }

    @Override
    public boolean rotate(Rotation rotation) {
        return storage.write(handle -> handle.createUpdate(ROTATE)
                .bind("newJti", rotation.newJti())
                .bind("newToken", rotation.newToken())
                .bind("rotatedAtMs", rotation.rotatedAt().toEpochMilli())
                .bind("requestId", rotation.requestId().value())
                .bind("deviceUuid", rotation.deviceUuid())
                .bind("id", rotation.sessionId().value())
                .bind("expectedJti", rotation.expectedCurrentJti())
                .execute() == 1);
    }

    @Override
    public void awaitDurable() {
        storage.write(handle -> null);
    }

    @Override
    public boolean revoke(SessionId id, Instant at, RevocationReason reason) {
        return storage.write(handle -> handle.createUpdate(REVOKE)
                .bind("at", at.toEpochMilli())
                .bind("reason", reason.name())
                .bind("id", id.value())
                .execute() == 1);
    }

    @Override
    public int revokeAllOf(CustomerId customer, Instant at, RevocationReason reason) {
        return storage.write(handle -> handle.createUpdate(REVOKE_ALL_OF)
                .bind("at", at.toEpochMilli())
                .bind("reason", reason.name())
                .bind("customerId", customer.value())
                .execute());
    }
}
