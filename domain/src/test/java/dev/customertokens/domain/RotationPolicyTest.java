package dev.customertokens.domain;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotationPolicyTest {

    private static final Instant LOGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final CustomerId CUSTOMER = CustomerId.of("0da5a3f0-a354-4c04-8438-f1389c19a3f7");
    private static final ApplicationId APP = ApplicationId.of(15);
    private static final SessionId SESSION = SessionId.of(15726);
    private static final RequestId FIRST_REQUEST = RequestId.of("req-1");
    private static final RequestId OTHER_REQUEST = RequestId.of("req-2");

    private final RotationPolicy policy = RotationPolicy.defaults();

    private static TokenClaims claims(String jti, long iat, long nbf) {
        return new TokenClaims("http://127.0.0.1:8080/api/customers/refresh", iat, nbf, nbf + 86_400, jti,
                CUSTOMER.value(), "cc32921a15480a117d9bbc72c0e1256a6852458b", APP.value(), SESSION.value());
    }

    private static TokenClaims loginToken() {
        return claims("jti-0", LOGIN.getEpochSecond(), LOGIN.getEpochSecond());
    }

    private static Session freshSession() {
        return Session.begin(SESSION, CUSTOMER, APP, null, LOGIN, "jti-0");
    }

    /** The session after the login token was rotated to jti-1 at {@code at} by FIRST_REQUEST. */
    private static Session rotatedOnceAt(Instant at) {
        return freshSession().rotatedBy(new Rotation(SESSION, CUSTOMER, "jti-0", "jti-1", at, FIRST_REQUEST, null));
    }

    @Nested
    class TokenTimes {

        @Test
        void an_expired_token_stays_refreshable_inside_the_refresh_window() {
            Instant longAfterExp = LOGIN.plus(Duration.ofDays(30));
            assertThat(policy.checkTokenTimes(loginToken(), longAfterExp)).isEmpty();
        }

        @Test
        void the_last_instant_of_the_refresh_window_is_accepted() {
            Instant end = LOGIN.plus(RotationPolicy.DEFAULT_REFRESH_TTL);
            assertThat(policy.checkTokenTimes(loginToken(), end.minusMillis(1))).isEmpty();
            assertThat(policy.checkTokenTimes(loginToken(), end.minusSeconds(1))).isEmpty();
        }

        @Test
        void at_and_after_iat_plus_refresh_ttl_the_token_can_no_longer_be_refreshed() {
            Instant end = LOGIN.plus(RotationPolicy.DEFAULT_REFRESH_TTL);
            assertThat(policy.checkTokenTimes(loginToken(), end)).contains(Refusal.TOKEN_REFRESH_EXPIRED);
            assertThat(policy.checkTokenTimes(loginToken(), end.plusSeconds(1))).contains(Refusal.TOKEN_REFRESH_EXPIRED);
        }

        @Test
        void the_refresh_window_is_counted_from_the_login_not_from_the_last_refresh() {
            long lateNbf = LOGIN.plus(RotationPolicy.DEFAULT_REFRESH_TTL).minusSeconds(10).getEpochSecond();
            TokenClaims refreshedLate = claims("jti-9", LOGIN.getEpochSecond(), lateNbf);
            Instant end = LOGIN.plus(RotationPolicy.DEFAULT_REFRESH_TTL);
            assertThat(policy.checkTokenTimes(refreshedLate, end)).contains(Refusal.TOKEN_REFRESH_EXPIRED);
        }

        @Test
        void nbf_up_to_the_leeway_in_the_future_is_accepted() {
            Instant now = LOGIN.plus(Duration.ofHours(1));
            TokenClaims atLeeway = claims("j", LOGIN.getEpochSecond(), now.plus(RotationPolicy.DEFAULT_LEEWAY).getEpochSecond());
            assertThat(policy.checkTokenTimes(atLeeway, now)).isEmpty();
        }

        @Test
        void nbf_one_second_past_the_leeway_is_not_yet_valid() {
            Instant now = LOGIN.plus(Duration.ofHours(1));
            TokenClaims beyond = claims("j", LOGIN.getEpochSecond(), now.plus(RotationPolicy.DEFAULT_LEEWAY).plusSeconds(1).getEpochSecond());
            assertThat(policy.checkTokenTimes(beyond, now)).contains(Refusal.TOKEN_NOT_YET_VALID);
        }

        @Test
        void iat_past_the_leeway_is_not_yet_valid_even_with_a_current_nbf() {
            Instant now = LOGIN;
            long futureIat = now.plus(RotationPolicy.DEFAULT_LEEWAY).plusSeconds(1).getEpochSecond();
            TokenClaims token = claims("j", futureIat, now.getEpochSecond());
            assertThat(policy.checkTokenTimes(token, now)).contains(Refusal.TOKEN_NOT_YET_VALID);
            long iatAtLeeway = now.plus(RotationPolicy.DEFAULT_LEEWAY).getEpochSecond();
            assertThat(policy.checkTokenTimes(claims("j", iatAtLeeway, now.getEpochSecond()), now)).isEmpty();
        }

        @Test
        void a_zero_leeway_refuses_a_token_from_one_second_ahead() {
            RotationPolicy strict = new RotationPolicy(RotationPolicy.DEFAULT_TTL, RotationPolicy.DEFAULT_REFRESH_TTL,
                    RotationPolicy.DEFAULT_GRACE, Duration.ZERO);
            TokenClaims ahead = claims("j", LOGIN.getEpochSecond(), LOGIN.getEpochSecond() + 1);
            assertThat(strict.checkTokenTimes(ahead, LOGIN)).contains(Refusal.TOKEN_NOT_YET_VALID);
            assertThat(strict.checkTokenTimes(loginToken(), LOGIN)).isEmpty();
        }
    }

    @Nested
    class Decisions {

        @Test
        void the_current_token_rotates() {
            assertThat(policy.decide(freshSession(), loginToken(), FIRST_REQUEST, LOGIN.plusSeconds(5)))
                    .isEqualTo(new RefreshDecision.Rotate());
        }

        @Test
        void an_unknown_session_is_invalid() {
            assertThat(policy.decide(null, loginToken(), FIRST_REQUEST, LOGIN))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_INVALID));
        }

        @Test
        void a_session_of_another_customer_is_invalid() {
            Session foreign = Session.begin(SESSION, CustomerId.of("someone-else"), APP, null, LOGIN, "jti-0");
            assertThat(policy.decide(foreign, loginToken(), FIRST_REQUEST, LOGIN))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_INVALID));
        }

        @Test
        void a_session_of_another_application_is_invalid() {
            Session foreign = Session.begin(SESSION, CUSTOMER, ApplicationId.of(99), null, LOGIN, "jti-0");
            assertThat(policy.decide(foreign, loginToken(), FIRST_REQUEST, LOGIN))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_INVALID));
        }

        @Test
        void a_token_whose_login_time_differs_from_the_session_is_invalid() {
            TokenClaims otherLogin = claims("jti-0", LOGIN.getEpochSecond() + 1, LOGIN.getEpochSecond() + 1);
            assertThat(policy.decide(freshSession(), otherLogin, FIRST_REQUEST, LOGIN.plusSeconds(5)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_INVALID));
        }

        @Test
        void a_revoked_session_refuses_even_its_current_token() {
            Session revoked = freshSession().revoked(LOGIN.plusSeconds(1), RevocationReason.LOGOUT);
            assertThat(policy.decide(revoked, loginToken(), FIRST_REQUEST, LOGIN.plusSeconds(2)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_REVOKED));
        }

        @Test
        void the_previous_token_within_grace_gets_the_same_successor() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), loginToken(), OTHER_REQUEST, rotatedAt.plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Replay());
        }

        @Test
        void the_grace_period_includes_its_thirtieth_second() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), loginToken(), OTHER_REQUEST, rotatedAt.plusSeconds(30)))
                    .isEqualTo(new RefreshDecision.Replay());
        }

        @Test
        void just_after_the_grace_period_the_previous_token_is_reuse() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            RefreshDecision decision = policy.decide(rotatedOnceAt(rotatedAt), loginToken(), OTHER_REQUEST,
                    rotatedAt.plusSeconds(30).plusMillis(1));
            assertThat(decision).isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
            assertThat(((RefreshDecision.Refuse) decision).revokesSession()).isTrue();
        }

        @Test
        void a_zero_grace_disables_replay() {
            RotationPolicy noGrace = new RotationPolicy(RotationPolicy.DEFAULT_TTL, RotationPolicy.DEFAULT_REFRESH_TTL,
                    Duration.ZERO, RotationPolicy.DEFAULT_LEEWAY);
            Instant rotatedAt = LOGIN.plusSeconds(100);
            assertThat(noGrace.decide(rotatedOnceAt(rotatedAt), loginToken(), OTHER_REQUEST, rotatedAt))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void a_retry_with_the_rotating_request_id_gets_the_successor_long_after_grace() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), loginToken(), FIRST_REQUEST, rotatedAt.plus(Duration.ofDays(20))))
                    .isEqualTo(new RefreshDecision.Replay());
        }

        @Test
        void a_retry_with_the_rotating_request_id_works_even_with_grace_disabled() {
            RotationPolicy noGrace = new RotationPolicy(RotationPolicy.DEFAULT_TTL, RotationPolicy.DEFAULT_REFRESH_TTL,
                    Duration.ZERO, RotationPolicy.DEFAULT_LEEWAY);
            Instant rotatedAt = LOGIN.plusSeconds(100);
            assertThat(noGrace.decide(rotatedOnceAt(rotatedAt), loginToken(), FIRST_REQUEST, rotatedAt.plusSeconds(90)))
                    .isEqualTo(new RefreshDecision.Replay());
        }

        @Test
        void once_the_session_rotated_again_the_retry_is_reuse() {
            Instant first = LOGIN.plusSeconds(100);
            Session twice = rotatedOnceAt(first).rotatedBy(new Rotation(SESSION, CUSTOMER, "jti-1", "jti-2",
                    first.plusSeconds(60), RequestId.of("req-3"), null));
            assertThat(policy.decide(twice, loginToken(), FIRST_REQUEST, first.plusSeconds(61)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void only_the_immediately_previous_token_has_grace() {
            Instant first = LOGIN.plusSeconds(100);
            Session twice = rotatedOnceAt(first).rotatedBy(new Rotation(SESSION, CUSTOMER, "jti-1", "jti-2",
                    first.plusSeconds(1), RequestId.of("req-3"), null));
            // jti-0 is two rotations old: reuse, even one second after the latest rotation.
            assertThat(policy.decide(twice, loginToken(), OTHER_REQUEST, first.plusSeconds(2)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
            TokenClaims previous = claims("jti-1", LOGIN.getEpochSecond(), first.getEpochSecond());
            assertThat(policy.decide(twice, previous, OTHER_REQUEST, first.plusSeconds(2)))
                    .isEqualTo(new RefreshDecision.Replay());
        }

        @Test
        void a_token_never_current_in_this_session_is_reuse() {
            TokenClaims stranger = claims("jti-unknown", LOGIN.getEpochSecond(), LOGIN.getEpochSecond());
            assertThat(policy.decide(rotatedOnceAt(LOGIN.plusSeconds(1)), stranger, FIRST_REQUEST, LOGIN.plusSeconds(2)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void the_previous_token_of_a_revoked_session_is_revoked_not_replayed() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Session revoked = rotatedOnceAt(rotatedAt).revoked(rotatedAt.plusSeconds(1), RevocationReason.REUSE_DETECTED);
            assertThat(policy.decide(revoked, loginToken(), FIRST_REQUEST, rotatedAt.plusSeconds(2)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_REVOKED));
        }
    }

    @Nested
    class LostRotations {

        @Test
        void a_token_unknown_to_the_session_but_issued_after_its_current_one_moves_it_forward() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            TokenClaims newer = claims("jti-lost", LOGIN.getEpochSecond(), rotatedAt.getEpochSecond() + 1);
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), newer, OTHER_REQUEST, rotatedAt.plusSeconds(3600)))
                    .isEqualTo(new RefreshDecision.FastForward());
        }

        @Test
        void a_session_never_rotated_moves_forward_past_its_login_token() {
            TokenClaims newer = claims("jti-lost", LOGIN.getEpochSecond(), LOGIN.getEpochSecond() + 60);
            assertThat(policy.decide(freshSession(), newer, OTHER_REQUEST, LOGIN.plusSeconds(120)))
                    .isEqualTo(new RefreshDecision.FastForward());
        }

        @Test
        void an_unknown_token_of_the_same_second_as_the_current_one_stays_reuse() {
            Instant rotatedAt = LOGIN.plusSeconds(100).plusMillis(900);
            TokenClaims sameSecond = claims("jti-unknown", LOGIN.getEpochSecond(), rotatedAt.getEpochSecond());
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), sameSecond, OTHER_REQUEST, rotatedAt.plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void a_token_whose_id_says_it_came_later_in_the_same_second_moves_the_session_forward() {
            Instant rotatedAt = LOGIN.plusSeconds(100).plusMillis(200);
            String lostJti = TokenIds.of(rotatedAt.plusMillis(500), new byte[TokenIds.RANDOM_BYTES]);
            TokenClaims lost = claims(lostJti, LOGIN.getEpochSecond(), rotatedAt.getEpochSecond());
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), lost, OTHER_REQUEST, rotatedAt.plusSeconds(5)))
                    .isEqualTo(new RefreshDecision.FastForward());
        }

        @Test
        void a_token_whose_id_says_it_came_earlier_in_the_same_second_stays_reuse() {
            Instant rotatedAt = LOGIN.plusSeconds(100).plusMillis(700);
            String olderJti = TokenIds.of(rotatedAt.minusMillis(300), new byte[TokenIds.RANDOM_BYTES]);
            TokenClaims older = claims(olderJti, LOGIN.getEpochSecond(), rotatedAt.getEpochSecond());
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), older, OTHER_REQUEST, rotatedAt.plusSeconds(5)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void a_token_whose_id_says_it_came_in_the_same_millisecond_stays_reuse() {
            Instant rotatedAt = LOGIN.plusSeconds(100).plusMillis(400);
            String sameMillisecond = TokenIds.of(rotatedAt, new byte[TokenIds.RANDOM_BYTES]);
            TokenClaims lost = claims(sameMillisecond, LOGIN.getEpochSecond(), rotatedAt.getEpochSecond());
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), lost, OTHER_REQUEST, rotatedAt.plusSeconds(5)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void an_id_whose_time_disagrees_with_its_nbf_is_judged_by_nbf() {
            Instant rotatedAt = LOGIN.plusSeconds(100).plusMillis(200);
            String misleading = TokenIds.of(rotatedAt.plusSeconds(30), new byte[TokenIds.RANDOM_BYTES]);
            TokenClaims sameSecond = claims(misleading, LOGIN.getEpochSecond(), rotatedAt.getEpochSecond());
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), sameSecond, OTHER_REQUEST, rotatedAt.plusSeconds(5)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void an_unknown_token_older_than_the_current_one_stays_reuse() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            TokenClaims older = claims("jti-unknown", LOGIN.getEpochSecond(), rotatedAt.getEpochSecond() - 1);
            assertThat(policy.decide(rotatedOnceAt(rotatedAt), older, OTHER_REQUEST, rotatedAt.plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void a_revoked_session_does_not_move_forward() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Session revoked = rotatedOnceAt(rotatedAt).revoked(rotatedAt.plusSeconds(1), RevocationReason.OPERATOR);
            TokenClaims newer = claims("jti-lost", LOGIN.getEpochSecond(), rotatedAt.getEpochSecond() + 10);
            assertThat(policy.decide(revoked, newer, OTHER_REQUEST, rotatedAt.plusSeconds(20)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_REVOKED));
        }

        @Test
        void the_rotation_past_lost_ones_makes_the_presented_token_previous() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Session moved = rotatedOnceAt(rotatedAt).rotatedBy(new Rotation(SESSION, CUSTOMER, "jti-1", "jti-9",
                    rotatedAt.plusSeconds(50), OTHER_REQUEST, null, "jti-lost"));
            assertThat(moved.currentJti()).isEqualTo("jti-9");
            assertThat(moved.previousJti()).isEqualTo("jti-lost");
            TokenClaims lost = claims("jti-lost", LOGIN.getEpochSecond(), rotatedAt.getEpochSecond() + 10);
            assertThat(policy.decide(moved, lost, OTHER_REQUEST, rotatedAt.plusSeconds(51)))
                    .as("the presented token has the previous token's grace").isEqualTo(new RefreshDecision.Replay());
        }
    }

    @Nested
    class IdleTimeout {

        private final RotationPolicy idleAfterAnHour = new RotationPolicy(RotationPolicy.DEFAULT_TTL,
                RotationPolicy.DEFAULT_REFRESH_TTL, RotationPolicy.DEFAULT_GRACE, RotationPolicy.DEFAULT_LEEWAY,
                Duration.ofHours(1), 0);

        @Test
        void a_session_not_rotated_for_longer_than_the_timeout_is_idle_and_revoked() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            RefreshDecision decision = idleAfterAnHour.decide(rotatedOnceAt(rotatedAt), claims("jti-1",
                    LOGIN.getEpochSecond(), rotatedAt.getEpochSecond()), OTHER_REQUEST,
                    rotatedAt.plus(Duration.ofHours(1)).plusMillis(1));
            assertThat(decision).isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_IDLE_EXPIRED));
            assertThat(((RefreshDecision.Refuse) decision).revocation()).contains(RevocationReason.IDLE_TIMEOUT);
        }

        @Test
        void exactly_the_timeout_after_the_last_rotation_is_not_idle_yet() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            assertThat(idleAfterAnHour.decide(rotatedOnceAt(rotatedAt), claims("jti-1", LOGIN.getEpochSecond(),
                    rotatedAt.getEpochSecond()), OTHER_REQUEST, rotatedAt.plus(Duration.ofHours(1))))
                    .isEqualTo(new RefreshDecision.Rotate());
        }

        @Test
        void a_session_never_rotated_is_idle_counted_from_its_start() {
            assertThat(idleAfterAnHour.decide(freshSession(), loginToken(), FIRST_REQUEST,
                    LOGIN.plus(Duration.ofHours(1)).plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_IDLE_EXPIRED));
        }

        @Test
        void a_revoked_session_is_revoked_before_it_is_idle() {
            Session revoked = freshSession().revoked(LOGIN.plusSeconds(1), RevocationReason.LOGOUT);
            assertThat(idleAfterAnHour.decide(revoked, loginToken(), FIRST_REQUEST, LOGIN.plus(Duration.ofDays(2))))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_REVOKED));
        }

        @Test
        void the_idle_check_comes_before_the_retry_and_reuse_rules() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Instant late = rotatedAt.plus(Duration.ofHours(2));
            assertThat(idleAfterAnHour.decide(rotatedOnceAt(rotatedAt), loginToken(), FIRST_REQUEST, late))
                    .as("a retry").isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_IDLE_EXPIRED));
            assertThat(idleAfterAnHour.decide(rotatedOnceAt(rotatedAt), claims("jti-x", LOGIN.getEpochSecond(),
                    LOGIN.getEpochSecond()), OTHER_REQUEST, late))
                    .as("reuse").isEqualTo(new RefreshDecision.Refuse(Refusal.SESSION_IDLE_EXPIRED));
        }

        @Test
        void with_no_timeout_a_session_is_never_idle() {
            assertThat(policy.decide(freshSession(), loginToken(), FIRST_REQUEST, LOGIN.plus(Duration.ofDays(1000))))
                    .isEqualTo(new RefreshDecision.Rotate());
        }
    }

    @Nested
    class BoundedGraceReplays {

        private final RotationPolicy twoReplays = new RotationPolicy(RotationPolicy.DEFAULT_TTL,
                RotationPolicy.DEFAULT_REFRESH_TTL, RotationPolicy.DEFAULT_GRACE, RotationPolicy.DEFAULT_LEEWAY,
                Duration.ZERO, 2);

        @Test
        void a_grace_replay_under_the_bound_is_counted() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            assertThat(twoReplays.decide(rotatedOnceAt(rotatedAt), loginToken(), OTHER_REQUEST, rotatedAt.plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Replay(true));
        }

        @Test
        void once_the_bound_is_spent_the_previous_token_is_reuse() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Session spent = rotatedOnceAt(rotatedAt).withGraceReplayCounted().withGraceReplayCounted();
            assertThat(twoReplays.decide(spent, loginToken(), OTHER_REQUEST, rotatedAt.plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Refuse(Refusal.TOKEN_REUSED));
        }

        @Test
        void a_retry_of_the_rotating_request_is_not_counted_and_never_spent() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Session spent = rotatedOnceAt(rotatedAt).withGraceReplayCounted().withGraceReplayCounted();
            assertThat(twoReplays.decide(spent, loginToken(), FIRST_REQUEST, rotatedAt.plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Replay(false));
        }

        @Test
        void the_next_rotation_gives_its_previous_token_a_bound_of_its_own() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Session spent = rotatedOnceAt(rotatedAt).withGraceReplayCounted().withGraceReplayCounted();
            Session again = spent.rotatedBy(new Rotation(SESSION, CUSTOMER, "jti-1", "jti-2",
                    rotatedAt.plusSeconds(5), OTHER_REQUEST, null));
            assertThat(again.graceReplays()).isZero();
            TokenClaims previous = claims("jti-1", LOGIN.getEpochSecond(), rotatedAt.getEpochSecond());
            assertThat(twoReplays.decide(again, previous, RequestId.of("req-9"), rotatedAt.plusSeconds(6)))
                    .isEqualTo(new RefreshDecision.Replay(true));
        }

        @Test
        void unbounded_replays_are_never_counted() {
            Instant rotatedAt = LOGIN.plusSeconds(100);
            Session many = rotatedOnceAt(rotatedAt).withGraceReplayCounted().withGraceReplayCounted();
            assertThat(policy.decide(many, loginToken(), OTHER_REQUEST, rotatedAt.plusSeconds(1)))
                    .isEqualTo(new RefreshDecision.Replay(false));
        }

        @Test
        void negative_bounds_and_timeouts_are_refused() {
            assertThatThrownBy(() -> new RotationPolicy(RotationPolicy.DEFAULT_TTL, RotationPolicy.DEFAULT_REFRESH_TTL,
                    RotationPolicy.DEFAULT_GRACE, RotationPolicy.DEFAULT_LEEWAY, Duration.ZERO, -1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RotationPolicy(RotationPolicy.DEFAULT_TTL, RotationPolicy.DEFAULT_REFRESH_TTL,
                    RotationPolicy.DEFAULT_GRACE, RotationPolicy.DEFAULT_LEEWAY, Duration.ofSeconds(-1), 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Claims {

        @Test
        void the_successor_keeps_the_family_and_the_login_time_and_gets_a_new_id_and_lifetime() {
            Instant now = LOGIN.plus(Duration.ofDays(3)).plusMillis(750);
            TokenClaims next = policy.successorClaims(loginToken(), "https://api.example/api/customers/refresh", "jti-new", now);
            assertThat(next.iat()).isEqualTo(LOGIN.getEpochSecond());
            assertThat(next.nbf()).isEqualTo(now.getEpochSecond());
            assertThat(next.exp()).isEqualTo(now.getEpochSecond() + 1440 * 60);
            assertThat(next.jti()).isEqualTo("jti-new");
            assertThat(next.iss()).isEqualTo("https://api.example/api/customers/refresh");
            assertThat(next.sub()).isEqualTo(CUSTOMER.value());
            assertThat(next.prv()).isEqualTo(loginToken().prv());
            assertThat(next.applicationId()).isEqualTo(APP.value());
            assertThat(next.sessionId()).isEqualTo(SESSION.value());
        }

        @Test
        void a_replay_rebuilds_exactly_the_claims_the_rotation_signed() {
            String issuer = "https://api.example/api/customers/refresh";
            Instant rotatedAt = LOGIN.plus(Duration.ofDays(3)).plusMillis(750);
            TokenClaims signedAtRotation = policy.successorClaims(loginToken(), issuer, "jti-1", rotatedAt);
            // the store keeps epoch milliseconds; the replay happens later, from a fresh read
            Session stored = freshSession().rotatedBy(new Rotation(SESSION, CUSTOMER, "jti-0", "jti-1",
                    Instant.ofEpochMilli(rotatedAt.toEpochMilli()), FIRST_REQUEST, null));
            assertThat(policy.currentClaims(stored, loginToken(), issuer)).isEqualTo(signedAtRotation);
        }

        @Test
        void a_session_never_rotated_has_no_successor_to_replay() {
            assertThatThrownBy(() -> policy.currentClaims(freshSession(), loginToken(), "https://x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void the_first_token_begins_the_session_now() {
            TokenClaims first = policy.firstClaims("https://x/api/customers/login", "j0", CUSTOMER, "prv", APP, SESSION, LOGIN);
            assertThat(first.iat()).isEqualTo(LOGIN.getEpochSecond());
            assertThat(first.nbf()).isEqualTo(LOGIN.getEpochSecond());
            assertThat(first.exp()).isEqualTo(LOGIN.getEpochSecond() + 86_400);
        }

        @Test
        void lifetimes_are_whole_minutes() {
            assertThat(policy.ttlMinutes()).isEqualTo(1440);
            assertThat(policy.refreshTtlMinutes()).isEqualTo(2_628_000);
            assertThatThrownBy(() -> new RotationPolicy(Duration.ofSeconds(90), RotationPolicy.DEFAULT_REFRESH_TTL,
                    Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
