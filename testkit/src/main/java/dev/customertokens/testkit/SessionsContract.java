package dev.customertokens.testkit;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases every {@link Sessions} implementation passes. A subclass returns the store under test from
 * {@link #sessions()}.
 *
 * <p>Instants are stored in epoch milliseconds: every instant used here has millisecond precision, as
 * the domain's own are (a store may drop anything finer).
 */
public abstract class SessionsContract {

    /** Not the demo customer: a store shared with other tests keeps its accounts as they were. */
    private static final CustomerId CUSTOMER = CustomerId.of("5c0e2b0e-0b7a-4d36-9f59-sessions-contract");
    private static final CustomerId OTHER_CUSTOMER = CustomerId.of("other-customer");
    private static final ApplicationId APPLICATION = ApplicationId.of(15);
    private static final Instant LOGIN = Instant.parse("2025-03-01T10:00:00.123Z");
    private static final Instant LATER = Instant.parse("2025-03-01T11:30:00.456Z");
    private static final Instant MUCH_LATER = Instant.parse("2025-03-02T08:00:00.789Z");
    private static final int RACERS = 32;
    /** Rounds of each race: one round lets a check-then-write store pass by luck now and then. */
    private static final int ROUNDS = 10;

    /**
     * The store under test; the same instance for the whole test. It may hold sessions of earlier tests:
     * every case works with session ids it reserved itself ({@link Sessions#nextId()}), and the customer-wide
     * cases use customer ids no other case gives a session.
     *
     * @return the store under test
     */
    protected abstract Sessions sessions();

    /**
     * Where the accounts that {@link Sessions#findWithCustomer} joins are kept. The cases save accounts of
     * their own customers there and change no other.
     *
     * @return the accounts' store that the sessions' store reads
     */
    protected abstract CustomerAccounts customerAccounts();

    @Test
    void the_refresh_read_finds_the_session_with_its_customer_account() {
        CustomerAccount account = account(CUSTOMER);
        customerAccounts().save(account);
        Session session = begin("jti-1");

        SessionWithCustomer found = sessions().findWithCustomer(session.id(), CUSTOMER).orElseThrow();

        assertThat(found.session()).isEqualTo(session);
        assertThat(found.account()).contains(account);
    }

    @Test
    void the_refresh_read_of_a_deleted_customer_finds_the_session_alone() {
        CustomerId gone = CustomerId.of("deleted-customer");
        customerAccounts().delete(gone);
        Session session = begin(gone, "jti-1");

        SessionWithCustomer found = sessions().findWithCustomer(session.id(), gone).orElseThrow();

        assertThat(found.session()).isEqualTo(session);
        assertThat(found.account()).isEmpty();
    }

    @Test
    void the_refresh_read_names_the_customer_and_finds_nothing_of_someone_else() {
        Session session = begin("jti-1");

        assertThat(sessions().findWithCustomer(session.id(), OTHER_CUSTOMER)).isEmpty();
        assertThat(sessions().findWithCustomer(sessions().nextId(), CUSTOMER)).isEmpty();
    }

    @Test
    void a_rotation_naming_another_customer_applies_nowhere() {
        Session session = begin("jti-1");

        assertThat(sessions().rotate(new Rotation(session.id(), OTHER_CUSTOMER, "jti-1", "jti-2", LATER,
                RequestId.of("request-1"), null))).isFalse();
        assertThat(sessions().find(session.id()).orElseThrow().currentJti()).isEqualTo("jti-1");
    }

    @Test
    void a_revocation_naming_the_customer_revokes_only_its_own_session() {
        Session session = begin("jti-1");

        assertThat(sessions().revoke(OTHER_CUSTOMER, session.id(), LATER, RevocationReason.REUSE_DETECTED)).isFalse();
        assertThat(sessions().find(session.id()).orElseThrow().isRevoked()).isFalse();
        assertThat(sessions().revoke(CUSTOMER, session.id(), LATER, RevocationReason.REUSE_DETECTED)).isTrue();
        assertThat(sessions().revoke(CUSTOMER, session.id(), MUCH_LATER, RevocationReason.LOGOUT)).isFalse();
        Session stored = sessions().find(session.id()).orElseThrow();
        assertThat(stored.revokedAt()).isEqualTo(LATER);
        assertThat(stored.revocationReason()).isEqualTo(RevocationReason.REUSE_DETECTED);
    }

    @Test
    void sessions_created_together_are_each_found() {
        List<Session> begun = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            begun.add(Session.begin(sessions().nextId(), CUSTOMER, APPLICATION, i % 2 == 0 ? null : "device-" + i,
                    LOGIN, "jti-bulk-" + i));
        }

        sessions().createAll(begun);

        for (Session session : begun) {
            assertThat(sessions().find(session.id())).contains(session);
        }
    }

    @Test
    void a_customers_sessions_are_listed_live_and_revoked_in_the_order_they_began_and_no_one_elses() {
        CustomerId customer = CustomerId.of("listed-" + sessions().nextId());
        Session first = begin(customer, "jti-l1");
        Session second = begin(customer, "jti-l2");
        begin(OTHER_CUSTOMER, "jti-l3");
        sessions().revoke(first.id(), LATER, RevocationReason.OPERATOR);
        sessions().rotate(new Rotation(second.id(), customer, "jti-l2", "jti-l4", LATER, RequestId.of("request-l"), null));

        List<Session> listed = sessions().listOf(customer);

        assertThat(listed).containsExactly(sessions().find(first.id()).orElseThrow(),
                sessions().find(second.id()).orElseThrow());
        assertThat(listed.get(0).revocationReason()).isEqualTo(RevocationReason.OPERATOR);
        assertThat(listed.get(1).rotations()).isEqualTo(1);
        assertThat(sessions().listOf(CustomerId.of("customer-without-any-session"))).isEmpty();
    }

    @Test
    void next_id_is_positive_and_never_repeats() {
        Set<SessionId> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            SessionId id = sessions().nextId();
            assertThat(id.value()).isPositive();
            assertThat(ids.add(id)).as("id %s handed out twice", id).isTrue();
        }
    }

    @Test
    void an_unknown_id_finds_nothing() {
        assertThat(sessions().find(sessions().nextId())).isEmpty();
    }

    @Test
    void a_new_session_is_found_field_for_field() {
        Session session = Session.begin(sessions().nextId(), CUSTOMER, APPLICATION, "device-1", LOGIN, "jti-1");

        sessions().create(session);

        assertThat(sessions().find(session.id())).contains(session);
    }

    @Test
    void a_session_without_device_is_found_without_device() {
        Session session = Session.begin(sessions().nextId(), CUSTOMER, APPLICATION, null, LOGIN, "jti-1");

        sessions().create(session);

        assertThat(sessions().find(session.id()).orElseThrow().deviceUuid()).isNull();
    }

    @Test
    void every_field_of_a_rotated_and_revoked_session_survives_the_round_trip() {
        Session session = new Session(sessions().nextId(), CUSTOMER, APPLICATION, "d".repeat(128), LOGIN,
                "jti-current", "jti-previous", LATER, "request-" + "r".repeat(120),
                Long.MAX_VALUE / 3, MUCH_LATER, RevocationReason.REUSE_DETECTED);

        sessions().create(session);

        assertThat(sessions().find(session.id())).contains(session);
    }

    @Test
    void a_rotation_applies_once_then_no_longer_matches() {
        Session session = begin("jti-1");

        assertThat(sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null))).isTrue();
        assertThat(sessions().rotate(rotation(session.id(), "jti-1", "jti-3", "request-2", null))).isFalse();

        Session stored = sessions().find(session.id()).orElseThrow();
        assertThat(stored).isEqualTo(new Session(session.id(), CUSTOMER, APPLICATION, "device-1", LOGIN,
                "jti-2", "jti-1", LATER, "request-1", 1, null, null));
    }

    @Test
    void successive_rotations_move_current_to_previous_and_count() {
        Session session = begin("jti-1");

        assertThat(sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null))).isTrue();
        assertThat(sessions().rotate(new Rotation(session.id(), CUSTOMER, "jti-2", "jti-3", MUCH_LATER,
                RequestId.of("request-2"), null))).isTrue();

        Session stored = sessions().find(session.id()).orElseThrow();
        assertThat(stored.currentJti()).isEqualTo("jti-3");
        assertThat(stored.previousJti()).isEqualTo("jti-2");
        assertThat(stored.rotatedAt()).isEqualTo(MUCH_LATER);
        assertThat(stored.rotationRequestId()).isEqualTo("request-2");
        assertThat(stored.rotations()).isEqualTo(2);
    }

    @Test
    void a_rotation_past_lost_rotations_makes_the_presented_token_previous() {
        Session session = begin("jti-1");

        assertThat(sessions().rotate(new Rotation(session.id(), CUSTOMER, "jti-1", "jti-5", LATER,
                RequestId.of("request-1"), null, "jti-4-lost"))).isTrue();

        Session stored = sessions().find(session.id()).orElseThrow();
        assertThat(stored.currentJti()).isEqualTo("jti-5");
        assertThat(stored.previousJti()).isEqualTo("jti-4-lost");
        assertThat(stored.rotations()).isEqualTo(1);
    }

    @Test
    void grace_replays_are_counted_up_to_the_limit_and_start_again_at_each_rotation() {
        Session session = begin("jti-1");
        sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null));

        assertThat(sessions().countGraceReplay(session.id(), CUSTOMER, "jti-2", 2)).isTrue();
        assertThat(sessions().countGraceReplay(session.id(), CUSTOMER, "jti-2", 2)).isTrue();
        assertThat(sessions().countGraceReplay(session.id(), CUSTOMER, "jti-2", 2)).isFalse();
        assertThat(sessions().find(session.id()).orElseThrow().graceReplays()).isEqualTo(2);

        sessions().rotate(new Rotation(session.id(), CUSTOMER, "jti-2", "jti-3", MUCH_LATER,
                RequestId.of("request-2"), null));
        assertThat(sessions().find(session.id()).orElseThrow().graceReplays()).isZero();
        assertThat(sessions().countGraceReplay(session.id(), CUSTOMER, "jti-3", 2)).isTrue();
    }

    @Test
    void a_grace_replay_is_not_counted_once_the_session_rotated_or_was_revoked_or_for_someone_else() {
        Session session = begin("jti-1");
        sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null));

        assertThat(sessions().countGraceReplay(session.id(), CUSTOMER, "jti-1", 5)).isFalse();
        assertThat(sessions().countGraceReplay(session.id(), OTHER_CUSTOMER, "jti-2", 5)).isFalse();
        sessions().revoke(session.id(), MUCH_LATER, RevocationReason.OPERATOR);
        assertThat(sessions().countGraceReplay(session.id(), CUSTOMER, "jti-2", 5)).isFalse();
        assertThat(sessions().find(session.id()).orElseThrow().graceReplays()).isZero();
    }

    @Test
    void of_many_concurrent_grace_replays_no_more_than_the_limit_are_counted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Session session = begin("jti-1");
                sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return sessions().countGraceReplay(session.id(), CUSTOMER, "jti-2", 3);
                    }));
                }
                start.countDown();
                int counted = 0;
                for (Future<Boolean> outcome : outcomes) {
                    counted += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(counted).as("counted in round " + round).isEqualTo(3);
                assertThat(sessions().find(session.id()).orElseThrow().graceReplays()).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_session_bound_to_a_key_keeps_its_thumbprint() {
        KeyThumbprint thumbprint = KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        Session session = Session.begin(sessions().nextId(), CUSTOMER, APPLICATION, null, LOGIN, "jti-1", thumbprint);
        sessions().create(session);

        assertThat(sessions().find(session.id()).orElseThrow().dpopJkt()).isEqualTo(thumbprint);
        sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null));
        assertThat(sessions().findWithCustomer(session.id(), CUSTOMER).orElseThrow().session().dpopJkt())
                .isEqualTo(thumbprint);
    }

    @Test
    void a_rotation_of_an_unknown_session_applies_nowhere() {
        assertThat(sessions().rotate(rotation(sessions().nextId(), "jti-1", "jti-2", "request-1", null))).isFalse();
    }

    @Test
    void a_revoked_session_does_not_rotate() {
        Session session = begin("jti-1");
        sessions().revoke(session.id(), LATER, RevocationReason.LOGOUT);

        assertThat(sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null))).isFalse();

        Session stored = sessions().find(session.id()).orElseThrow();
        assertThat(stored.currentJti()).isEqualTo("jti-1");
        assertThat(stored.rotations()).isZero();
    }

    @Test
    void no_kind_of_revocation_lets_the_session_rotate_and_other_sessions_still_do() {
        Session revokedById = begin(CustomerId.of("by-id-" + sessions().nextId()), "jti-a");
        Session revokedByItsCustomer = begin(CustomerId.of("by-customer-" + sessions().nextId()), "jti-b");
        CustomerId everyoneRevoked = CustomerId.of("all-of-" + sessions().nextId());
        Session revokedWithAllOfItsCustomer = begin(everyoneRevoked, "jti-c");
        Session createdRevoked = new Session(sessions().nextId(), CUSTOMER, APPLICATION, null, LOGIN, "jti-d", null,
                null, null, 0, LATER, RevocationReason.OPERATOR);
        sessions().create(createdRevoked);
        Session untouched = begin(CustomerId.of("untouched-" + sessions().nextId()), "jti-e");

        sessions().revoke(revokedById.id(), LATER, RevocationReason.LOGOUT);
        sessions().revoke(revokedByItsCustomer.customerId(), revokedByItsCustomer.id(), LATER,
                RevocationReason.REUSE_DETECTED);
        sessions().revokeAllOf(everyoneRevoked, LATER, RevocationReason.OPERATOR);

        for (Session revoked : List.of(revokedById, revokedByItsCustomer, revokedWithAllOfItsCustomer, createdRevoked)) {
            assertThat(sessions().rotate(rotation(revoked, revoked.currentJti(), "jti-next", "request-1", null)))
                    .as("session %s", revoked.id()).isFalse();
            assertThat(sessions().find(revoked.id()).orElseThrow().rotations()).isZero();
        }
        assertThat(sessions().rotate(rotation(untouched, "jti-e", "jti-next", "request-1", null))).isTrue();
    }

    @Test
    void a_rotation_without_device_keeps_the_recorded_one() {
        Session session = begin("jti-1");

        sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", null));

        assertThat(sessions().find(session.id()).orElseThrow().deviceUuid()).isEqualTo("device-1");
    }

    @Test
    void a_rotation_with_a_device_records_it() {
        Session session = begin("jti-1");

        sessions().rotate(rotation(session.id(), "jti-1", "jti-2", "request-1", "device-2"));

        assertThat(sessions().find(session.id()).orElseThrow().deviceUuid()).isEqualTo("device-2");
    }

    @Test
    void revoke_applies_once_and_keeps_the_first_reason() {
        Session session = begin("jti-1");

        assertThat(sessions().revoke(session.id(), LATER, RevocationReason.OPERATOR)).isTrue();
        assertThat(sessions().revoke(session.id(), MUCH_LATER, RevocationReason.REUSE_DETECTED)).isFalse();

        Session stored = sessions().find(session.id()).orElseThrow();
        assertThat(stored.revokedAt()).isEqualTo(LATER);
        assertThat(stored.revocationReason()).isEqualTo(RevocationReason.OPERATOR);
        assertThat(stored.currentJti()).isEqualTo("jti-1");
    }

    @Test
    void revoking_an_unknown_session_reports_nothing_revoked() {
        assertThat(sessions().revoke(sessions().nextId(), LATER, RevocationReason.OPERATOR)).isFalse();
    }

    @Test
    void revoke_all_of_a_customer_counts_only_its_live_sessions() {
        CustomerId customer = CustomerId.of("customer-" + sessions().nextId());
        Session first = begin(customer, "jti-a");
        Session second = begin(customer, "jti-b");
        Session alreadyRevoked = begin(customer, "jti-c");
        sessions().revoke(alreadyRevoked.id(), LOGIN, RevocationReason.LOGOUT);
        Session someoneElses = begin(OTHER_CUSTOMER, "jti-d");

        assertThat(sessions().revokeAllOf(customer, LATER, RevocationReason.OPERATOR)).isEqualTo(2);
        assertThat(sessions().revokeAllOf(customer, MUCH_LATER, RevocationReason.OPERATOR)).isZero();

        assertThat(sessions().find(first.id()).orElseThrow().revokedAt()).isEqualTo(LATER);
        assertThat(sessions().find(second.id()).orElseThrow().revocationReason()).isEqualTo(RevocationReason.OPERATOR);
        Session untouched = sessions().find(alreadyRevoked.id()).orElseThrow();
        assertThat(untouched.revokedAt()).isEqualTo(LOGIN);
        assertThat(untouched.revocationReason()).isEqualTo(RevocationReason.LOGOUT);
        assertThat(sessions().find(someoneElses.id()).orElseThrow().isRevoked()).isFalse();
    }

    @Test
    void revoke_all_of_a_customer_without_sessions_revokes_nothing() {
        assertThat(sessions().revokeAllOf(CustomerId.of("customer-without-sessions"), LATER, RevocationReason.OPERATOR))
                .isZero();
    }

    @Test
    void of_many_concurrent_rotations_of_the_same_token_exactly_one_wins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Session session = begin("jti-contested");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    Rotation rotation = rotation(session.id(), "jti-contested", "jti-racer-" + i, "request-" + i, null);
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return sessions().rotate(rotation);
                    }));
                }
                start.countDown();

                List<Integer> winners = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    if (outcomes.get(i).get(60, TimeUnit.SECONDS)) {
                        winners.add(i);
                    }
                }

                assertThat(winners).as("winners of round " + round).hasSize(1);
                int winner = winners.get(0);
                Session stored = sessions().find(session.id()).orElseThrow();
                assertThat(stored.currentJti()).isEqualTo("jti-racer-" + winner);
                assertThat(stored.rotationRequestId()).isEqualTo("request-" + winner);
                assertThat(stored.previousJti()).isEqualTo("jti-contested");
                assertThat(stored.rotations()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static CustomerAccount account(CustomerId id) {
        return new CustomerAccount(id, 1, "Ivan", "Djordjevic", "ivan@example.com", true, "+381111111111", "en", 1,
                "[]", 3, 3, false, false, false);
    }

    private Session begin(String jti) {
        return begin(CUSTOMER, jti);
    }

    private Session begin(CustomerId customer, String jti) {
        Session session = Session.begin(sessions().nextId(), customer, APPLICATION, "device-1", LOGIN, jti);
        sessions().create(session);
        return session;
    }

    private static Rotation rotation(SessionId id, String expected, String newJti, String requestId, String device) {
        return new Rotation(id, CUSTOMER, expected, newJti, LATER, RequestId.of(requestId), device);
    }

    /** A rotation naming the session's own customer. */
    private static Rotation rotation(Session session, String expected, String newJti, String requestId, String device) {
        return new Rotation(session.id(), session.customerId(), expected, newJti, LATER, RequestId.of(requestId), device);
    }
}
