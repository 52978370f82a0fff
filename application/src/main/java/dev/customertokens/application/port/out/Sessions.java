package dev.customertokens.application.port.out;

import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sessions (token families). Every write is durable when the method returns: a client is told of a
 * token only after the store can no longer forget it. Instants are kept to the millisecond at least.
 * A store that cannot be reached throws {@link StorageUnavailableException} (the refresh answers 503);
 * one that cannot tell whether a write committed throws {@link StorageOutcomeUnknownException}.
 * {@code dev.customertokens.testkit.SessionsContract} holds every rule below as a test.
 */
public interface Sessions {

    /** Reserves a fresh, never used session id, so that the first token can carry it before the session is stored. */
    SessionId nextId();

    /** Stores a session a login began; its id was reserved with {@link #nextId()} and is not stored yet. */
    void create(Session session);

    /**
     * Creates all of them at once (a bulk login, a load test): durable together when this returns. The
     * default creates them one by one; a store that can should create them in one transaction.
     */
    default void createAll(List<Session> sessions) {
        sessions.forEach(this::create);
    }

    /** The session with this id, live or revoked, whoever's it is. */
    Optional<Session> find(SessionId id);

    /** Every session of the customer, live or revoked, by id (the order they began). */
    List<Session> listOf(CustomerId customer);

    /**
     * The refresh's read: the session {@code id} if it belongs to {@code customer}, with that customer's
     * account, in one round trip. Empty when there is no such session, or it belongs to someone else.
     */
    Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer);

    /**
     * Applies the rotation if and only if the session is not revoked, belongs to
     * {@link Rotation#customerId()} and its current token is still {@link Rotation#expectedCurrentJti()},
     * atomically: the current token becomes {@link Rotation#newJti()}, the previous one
     * {@link Rotation#presentedJti()}, and the count of grace replays starts again at zero. Of any number
     * of concurrent calls with the same expected token, on one node or many, exactly one returns true.
     */
    boolean rotate(Rotation rotation);

    /**
     * Counts one grace replay of the session's previous token (CONTRACT 2.6), atomically, if and only if
     * the session is not revoked, belongs to {@code customer}, its current token is still
     * {@code currentJti} and fewer than {@code limit} replays were counted since its last rotation.
     * A count lost in a crash only allows one more replay, so it need not be durable on return.
     *
     * @return whether this call counted the replay
     */
    boolean countGraceReplay(SessionId id, CustomerId customer, String currentJti, int limit);

    /**
     * Returns once every write that this store had committed when the call began is durable. A caller
     * that is about to hand out a token it read, rather than one its own {@link #rotate} stored, calls
     * this first: the request that stored it may not have been told yet, so the write may not be durable
     * yet. Stores whose commits are durable when they become visible need not do anything.
     *
     * @throws StorageOutcomeUnknownException when durability cannot be confirmed in time
     */
    default void awaitDurable() {
    }

    /**
     * Revokes the session (an operator's or a logout), so that it never rotates again; a session revoked
     * already keeps its first revocation.
     *
     * @return whether the session was revoked by this call (false when unknown or already revoked)
     */
    boolean revoke(SessionId id, Instant at, RevocationReason reason);

    /**
     * As {@link #revoke(SessionId, Instant, RevocationReason)}, for a session known to belong to
     * {@code customer} (a refresh that detected reuse); revokes nothing when it belongs to someone else.
     */
    boolean revoke(CustomerId customer, SessionId id, Instant at, RevocationReason reason);

    /** @return how many sessions were revoked by this call */
    int revokeAllOf(CustomerId customer, Instant at, RevocationReason reason);
}
