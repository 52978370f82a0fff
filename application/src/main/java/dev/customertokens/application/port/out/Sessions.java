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

    /**
     * Reserves a fresh, never used session id, so that the first token can carry it before the session is stored.
     *
     * @return an id no other call of any node returns
     */
    SessionId nextId();

    /**
     * Stores a session a login began; its id was reserved with {@link #nextId()} and is not stored yet.
     *
     * @param session the new session, durable when this returns
     */
    void create(Session session);

    /**
     * Creates all of them at once (a bulk login, a load test): durable together when this returns. The
     * default creates them one by one; a store that can should create them in one transaction.
     *
     * @param sessions the new sessions, each with an id from {@link #nextId()}
     */
    default void createAll(List<Session> sessions) {
        sessions.forEach(this::create);
    }

    /**
     * The session with this id, live or revoked, whoever's it is.
     *
     * @param id the session's id
     * @return the session, or empty when there is none
     */
    Optional<Session> find(SessionId id);

    /**
     * Every session of the customer, live or revoked, by id (the order they began).
     *
     * @param customer the customer's id
     * @return the sessions, empty when there is none
     */
    List<Session> listOf(CustomerId customer);

    /**
     * The refresh's read: the session {@code id} if it belongs to {@code customer}, with that customer's
     * account, in one round trip. Empty when there is no such session, or it belongs to someone else.
     *
     * @param id       the session's id, from the token
     * @param customer the customer the token names
     * @return the session with its customer's account (absent when the account was deleted), or empty
     */
    Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer);

    /**
     * Applies the rotation if and only if the session is not revoked, belongs to
     * {@link Rotation#customerId()} and its current token is still {@link Rotation#expectedCurrentJti()},
     * atomically: the current token becomes {@link Rotation#newJti()}, the previous one
     * {@link Rotation#presentedJti()}, and the count of grace replays starts again at zero. Of any number
     * of concurrent calls with the same expected token, on one node or many, exactly one returns true.
     *
     * @param rotation the compare-and-set to apply
     * @return true when this call rotated the session, and the rotation is durable
     */
    boolean rotate(Rotation rotation);

    /**
     * Counts one grace replay of the session's previous token (CONTRACT 2.6), atomically, if and only if
     * the session is not revoked, belongs to {@code customer}, its current token is still
     * {@code currentJti} and fewer than {@code limit} replays were counted since its last rotation.
     * A count lost in a crash only allows one more replay, so it need not be durable on return.
     *
     * @param id         the session's id
     * @param customer   the customer the session must belong to
     * @param currentJti the {@code jti} the session's current token must still have
     * @param limit      the bound on grace replays per rotation, at least 1
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
     * @param id     the session's id
     * @param at     when it is revoked
     * @param reason why
     * @return whether the session was revoked by this call (false when unknown or already revoked)
     */
    boolean revoke(SessionId id, Instant at, RevocationReason reason);

    /**
     * As {@link #revoke(SessionId, Instant, RevocationReason)}, for a session known to belong to
     * {@code customer} (a refresh that detected reuse); revokes nothing when it belongs to someone else.
     *
     * @param customer the customer the session must belong to
     * @param id       the session's id
     * @param at       when it is revoked
     * @param reason   why
     * @return whether the session was revoked by this call (false when unknown, someone else's, or already revoked)
     */
    boolean revoke(CustomerId customer, SessionId id, Instant at, RevocationReason reason);

    /**
     * Revokes every live session of the customer; revoked ones keep their first revocation.
     *
     * @param customer the customer's id
     * @param at       when they are revoked
     * @param reason   why
     * @return how many sessions were revoked by this call
     */
    int revokeAllOf(CustomerId customer, Instant at, RevocationReason reason);
}
