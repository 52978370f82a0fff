package dev.customertokens.application.service;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.domain.AuditEvent.Type;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.Session;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.NamingCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idle timeout and the bound on grace replays (CONTRACT 2.6), through the refresh use case. */
class SessionHygieneTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApplications applications = new InMemoryApplications();
    private final InMemoryCustomerAccounts customers = new InMemoryCustomerAccounts();
    private final InMemorySessions sessions = new InMemorySessions(customers);
    private final NamingCodec codec = new NamingCodec();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    private RefreshTokenService refreshing(Duration idleTimeout, int graceReplays) {
        return new RefreshTokenService(applications, sessions, codec, new SecureRandomTokenIds(), clock,
                settings(idleTimeout, graceReplays), events::add);
    }

    private TokenSettings settings(Duration idleTimeout, int graceReplays) {
        return new TokenSettings("http://tokens.test", DemoData.SEED_SUBJECT_HASH, new RotationPolicy(
                RotationPolicy.DEFAULT_TTL, RotationPolicy.DEFAULT_REFRESH_TTL, RotationPolicy.DEFAULT_GRACE,
                RotationPolicy.DEFAULT_LEEWAY, idleTimeout, graceReplays));
    }

    private TokenGrant login() {
        applications.save(DemoData.demoApplication());
        customers.save(DemoData.ivan());
        return new IssueTokenService(applications, customers, sessions, codec, new SecureRandomTokenIds(), clock,
                settings(Duration.ZERO, 0), events::add)
                .issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null));
    }

    private static TokenGrant refresh(RefreshTokenService service, String token, String requestId) {
        return service.refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of(requestId), null));
    }

    private Session stored() {
        return sessions.listOf(DemoData.IVAN_ID).get(0);
    }

    @Test
    void an_idle_session_is_revoked_when_next_presented_then_answers_as_revoked() {
        RefreshTokenService service = refreshing(Duration.ofMinutes(30), 0);
        String token = login().token();
        String rotated = refresh(service, token, "r1").token();
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        assertThatThrownBy(() -> refresh(service, rotated, "r2")).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(Refusal.SESSION_IDLE_EXPIRED));
        assertThat(stored().revocationReason()).isEqualTo(RevocationReason.IDLE_TIMEOUT);
        assertThatThrownBy(() -> refresh(service, rotated, "r3")).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(Refusal.SESSION_REVOKED));

        AuditEvent revocation = events.stream().filter(e -> e.type() == Type.SESSION_REVOKED).findFirst().orElseThrow();
        assertThat(revocation.reason()).isEqualTo("idle_timeout");
        assertThat(revocation.count()).isEqualTo(1);
        assertThat(events).extracting(AuditEvent::reason).contains("session_idle_expired", "session_revoked");
    }

    @Test
    void only_rotations_keep_a_session_alive_not_replays() {
        RefreshTokenService service = refreshing(Duration.ofMinutes(30), 0);
        String token = login().token();
        String rotated = refresh(service, token, "r1").token();
        clock.advance(Duration.ofMinutes(20));
        assertThat(refresh(service, token, "r1").token()).as("a retry, 20 minutes on").isEqualTo(rotated);
        clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> refresh(service, rotated, "r2")).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(Refusal.SESSION_IDLE_EXPIRED));
    }

    @Test
    void a_session_refreshed_within_the_timeout_lives_on_past_it() {
        RefreshTokenService service = refreshing(Duration.ofMinutes(30), 0);
        String token = login().token();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(29));
            token = refresh(service, token, "r" + i).token();
        }
        assertThat(stored().isRevoked()).isFalse();
    }

    @Test
    void the_previous_token_gets_its_successor_at_most_the_bound_times_then_it_is_reuse() {
        RefreshTokenService service = refreshing(Duration.ZERO, 2);
        String first = login().token();
        String successor = refresh(service, first, "r1").token();

        assertThat(refresh(service, first, "tab-2").token()).isEqualTo(successor);
        assertThat(refresh(service, first, "tab-3").token()).isEqualTo(successor);
        assertThat(refresh(service, first, "r1").token()).as("a retry is not counted").isEqualTo(successor);
        assertThatThrownBy(() -> refresh(service, first, "tab-4")).isInstanceOfSatisfying(TokenRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(Refusal.TOKEN_REUSED));
        assertThat(stored().revocationReason()).isEqualTo(RevocationReason.REUSE_DETECTED);
    }

    @Test
    void each_rotation_gives_its_previous_token_a_bound_of_its_own() {
        RefreshTokenService service = refreshing(Duration.ZERO, 1);
        String first = login().token();
        String second = refresh(service, first, "r1").token();
        assertThat(refresh(service, first, "tab-2").token()).isEqualTo(second);
        String third = refresh(service, second, "r2").token();

        assertThat(refresh(service, second, "tab-3").token()).isEqualTo(third);
        assertThat(stored().graceReplays()).isEqualTo(1);
    }
}
