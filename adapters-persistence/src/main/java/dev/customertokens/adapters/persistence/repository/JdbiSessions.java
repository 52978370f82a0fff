package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sessions, in the {@code sessions} and {@code session_chains} tables ({@link SessionRow}). A refresh
 * costs one read ({@link #findWithCustomer}) and one write ({@link #rotate}), in plain JDBC
 * ({@link RefreshStatements}); the rest goes through JDBI. Every write is durable before it returns
 * ({@link Durability}).
 */
public final class JdbiSessions implements Sessions {

    private static final String INSERT = "INSERT INTO sessions (id, customer_id, application_id, started_at_ms, "
            + "revoked_at_ms, revocation_reason, dpop_jkt) VALUES (:id, :customerId, :applicationId, :startedAtMs, "
            + ":revokedAtMs, :revocationReason, :dpopJkt)";
    private static final String INSERT_CHAIN = "INSERT INTO session_chains (id, customer_id, device_uuid, current_jti, "
            + "previous_jti, rotated_at_ms, rotation_request_id, rotations, grace_replays, revoked) VALUES (:id, "
            + ":customerId, :deviceUuid, :currentJti, :previousJti, :rotatedAtMs, :rotationRequestId, :rotations, "
            + ":graceReplays, :revoked)";
    private static final String FIND = "SELECT " + SessionRow.SELECTED + " FROM " + SessionRow.FROM + " WHERE s.id = :id";
    private static final String LIST_OF = "SELECT " + SessionRow.SELECTED + " FROM " + SessionRow.FROM
            + " WHERE s.customer_id = :customerId ORDER BY s.id";
    /** The session, if live, locked; then revoked by the statements of a single revocation. */
    private static final String LIVE_SESSION = "SELECT id, customer_id FROM sessions WHERE id = :id "
            + "AND revoked_at_ms IS NULL FOR UPDATE";
    /**
     * The customer's live sessions, locked, each then revoked by the statements of a single revocation, so
     * that their chains are locked in the order a batch of rotations locks them (customer, then session). A
     * login that commits meanwhile is not among them, and stays live. PostgreSQL locks the rows in the
     * {@code ORDER BY}'s order; H2 locks them as it scans, and it scans the index by customer, whose entries
     * are in the same order.
     */
    static final String LIVE_SESSIONS_OF = "SELECT id, customer_id FROM sessions WHERE customer_id = :customerId "
            + "AND revoked_at_ms IS NULL ORDER BY id FOR UPDATE";

    private final Storage storage;
    private final RefreshStatements refreshStatements;
    private final String nextIdSql;

    public JdbiSessions(Storage storage, Dialect dialect, RefreshStatements refreshStatements) {
        this.storage = storage;
        this.refreshStatements = refreshStatements;
        this.nextIdSql = dialect.nextSessionIdSql();
    }

    @Override
    public SessionId nextId() {
        return SessionId.of(storage.withHandle(handle -> handle.createQuery(nextIdSql).mapTo(Long.class).one()));
    }

    @Override
    public void create(Session session) {
        createAll(List.of(session));
    }

    @Override
    public void createAll(List<Session> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        storage.writeInTransaction(handle -> {
            // the sessions first: each chain's foreign key needs its session
            PreparedBatch batch = handle.prepareBatch(INSERT);
            PreparedBatch chains = handle.prepareBatch(INSERT_CHAIN);
            for (Session session : sessions) {
                SessionRow row = SessionRow.from(session);
                batch.bind("id", row.id())
                        .bind("customerId", row.customerId())
                        .bind("applicationId", row.applicationId())
                        .bind("startedAtMs", row.startedAtMs())
                        .bind("revokedAtMs", row.revokedAtMs())
                        .bind("revocationReason", row.revocationReason())
                        .bind("dpopJkt", row.dpopJkt())
                        .add();
                chains.bind("id", row.id())
                        .bind("customerId", row.customerId())
                        .bind("deviceUuid", row.deviceUuid())
                        .bind("currentJti", row.currentJti())
                        .bind("previousJti", row.previousJti())
                        .bind("rotatedAtMs", row.rotatedAtMs())
                        .bind("rotationRequestId", row.rotationRequestId())
                        .bind("rotations", row.rotations())
                        .bind("graceReplays", row.graceReplays())
                        .bind("revoked", row.revokedAtMs() != null)
                        .add();
            }
            batch.execute();
            return chains.execute();
        });
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
    public List<Session> listOf(CustomerId customer) {
        return storage.withHandle(handle -> handle.createQuery(LIST_OF)
                .bind("customerId", customer.value())
                .map(SessionRow.MAPPER)
                .map(SessionRow::toDomain)
                .list());
    }

    @Override
    public Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer) {
        return refreshStatements.findWithCustomer(id, customer);
    }

    @Override
    public boolean rotate(Rotation rotation) {
        return refreshStatements.rotate(new SessionWrite.Rotation(rotation.sessionId().value(),
                rotation.customerId().value(), rotation.expectedCurrentJti(), rotation.newJti(),
                rotation.rotatedAt().toEpochMilli(), rotation.requestId().value(), rotation.deviceUuid(),
                rotation.presentedJti()));
    }

    @Override
    public boolean countGraceReplay(SessionId id, CustomerId customer, String currentJti, int limit) {
        return storage.withConnection(connection -> SessionStatements.countGraceReplay(connection, id.value(),
                customer.value(), currentJti, limit));
    }

    @Override
    public void awaitDurable() {
        storage.durability().awaitVisibleCommits();
    }

    @Override
    public boolean revoke(SessionId id, Instant at, RevocationReason reason) {
        return storage.writeInTransaction(handle -> revokeLive(handle,
                handle.createQuery(LIVE_SESSION).bind("id", id.value()), at, reason)) == 1;
    }

    @Override
    public boolean revoke(CustomerId customer, SessionId id, Instant at, RevocationReason reason) {
        SessionWrite.Revocation revocation = new SessionWrite.Revocation(id.value(), customer.value(),
                at.toEpochMilli(), reason.name());
        return storage.journaledWrite(connection -> SessionStatements.revokeOwned(connection, revocation) == 1
                ? revocation : null);
    }

    @Override
    public int revokeAllOf(CustomerId customer, Instant at, RevocationReason reason) {
        return storage.writeInTransaction(handle -> revokeLive(handle,
                handle.createQuery(LIVE_SESSIONS_OF).bind("customerId", customer.value()), at, reason));
    }

    /**
     * Revokes the live sessions {@code lockingLive} finds and locks, each in {@code sessions} and in its chain,
     * with the statements every revocation uses ({@link SessionStatements#revokeOwned}).
     *
     * @return the sessions revoked
     */
    private static int revokeLive(Handle handle, Query lockingLive, Instant at, RevocationReason reason) {
        List<LiveSession> live = lockingLive
                .map((rs, ctx) -> new LiveSession(rs.getLong("id"), rs.getString("customer_id"))).list();
        if (live.isEmpty()) {
            return 0;
        }
        PreparedBatch sessions = handle.prepareBatch(SessionStatements.REVOKE_OWNED);
        PreparedBatch chains = handle.prepareBatch(SessionStatements.REVOKE_OWNED_CHAIN);
        for (LiveSession session : live) {
            sessions.bind(0, at.toEpochMilli()).bind(1, reason.name()).bind(2, session.id())
                    .bind(3, session.customerId()).add();
            chains.bind(0, session.id()).bind(1, session.customerId()).add();
        }
        int revoked = Arrays.stream(sessions.execute()).sum();
        chains.execute();
        return revoked;
    }

    private record LiveSession(long id, String customerId) {
    }
}
