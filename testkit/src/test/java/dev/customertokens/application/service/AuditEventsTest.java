package dev.customertokens.application.service;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.domain.AuditEvent.Type;
import dev.customertokens.application.port.out.SessionHousekeeping;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.NamingCodec;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.SessionId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One audit event per refresh outcome and per session change (CONTRACT 4.6), naming who and what, never a token. */
class AuditEventsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApplications applications = new InMemoryApplications();
    private final InMemoryCustomerAccounts customers = new InMemoryCustomerAccounts();
    private final InMemorySessions sessions = new InMemorySessions(customers);
    private final NamingCodec codec = new NamingCodec();
    private final TokenSettings settings = new TokenSettings("http://tokens.test", DemoData.SEED_SUBJECT_HASH,
            RotationPolicy.defaults());
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final RefreshTokenService refresh = new RefreshTokenService(applications, sessions, codec,
            new SecureRandomTokenIds(), clock, settings, events::add);
    private final IssueTokenService issue = new IssueTokenService(applications, customers, sessions, codec,
            new SecureRandomTokenIds(), clock, settings, events::add);

    private TokenGrant refresh(String token, String requestId) {
        return refresh.refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of(requestId), null));
    }

    @Test
    void every_outcome_of_a_session_is_one_event() {
        applications.save(DemoData.demoApplication());
        customers.save(DemoData.ivan());
        String first = issue.issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null)).token();
        TokenGrant rotated = refresh(first, "r1");
        assertThat(rotated.replayed()).isFalse();
        TokenGrant replayed = refresh(first, "r2");
        assertThat(replayed.replayed()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> refresh(first, "r3")).isInstanceOf(TokenRefusedException.class);
        assertThatThrownBy(() -> refresh(rotated.token(), "r4")).isInstanceOf(TokenRefusedException.class);

        assertThat(events).extracting(AuditEvent::type).containsExactly(Type.SESSION_STARTED, Type.TOKEN_ROTATED,
                Type.TOKEN_REPLAYED, Type.REUSE_DETECTED, Type.REFRESH_REFUSED, Type.REFRESH_REFUSED);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.session()).isEqualTo(events.get(0).session());
            assertThat(event.customer()).isEqualTo(DemoData.IVAN_ID);
            assertThat(event.application()).isEqualTo(DemoData.demoApplication().id());
        });
        assertThat(events.get(1).requestId()).isEqualTo(RequestId.of("r1"));
        assertThat(events.get(4).reason()).isEqualTo("token_reused");
        assertThat(events.get(5).reason()).isEqualTo("session_revoked");
        assertThat(events.toString()).doesNotContain(first).doesNotContain(rotated.token());
    }

    @Test
    void a_token_that_cannot_be_read_is_refused_with_what_is_known() {
        applications.save(DemoData.demoApplication());
        assertThatThrownBy(() -> refresh("garbage", "r9")).isInstanceOf(TokenRefusedException.class);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(Type.REFRESH_REFUSED);
            assertThat(event.reason()).isEqualTo("token_invalid");
            assertThat(event.session()).isNull();
            assertThat(event.requestId()).isEqualTo(RequestId.of("r9"));
        });
    }

    @Test
    void a_purge_deletes_batch_after_batch_with_the_cut_offs_of_the_settings_and_reports_once() {
        List<Instant[]> calls = new ArrayList<>();
        int[] left = {2_500};
        SessionHousekeeping housekeeping = (startedAtOrBefore, revokedAtOrBefore, batchSize) -> {
            calls.add(new Instant[]{startedAtOrBefore, revokedAtOrBefore});
            int deleted = Math.min(batchSize, left[0]);
            left[0] -= deleted;
            return deleted;
        };
        PurgeSessionsService purge = new PurgeSessionsService(housekeeping, clock, Duration.ofDays(100),
                Duration.ofDays(30), 1_000, events::add);

        assertThat(purge.purge()).isEqualTo(2_500);
        assertThat(calls).hasSize(3).allSatisfy(cutOffs -> {
            assertThat(cutOffs[0]).isEqualTo(clock.instant().minus(Duration.ofDays(100)));
            assertThat(cutOffs[1]).isEqualTo(clock.instant().minus(Duration.ofDays(30)));
        });
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(Type.SESSIONS_PURGED);
            assertThat(event.count()).isEqualTo(2_500);
        });
        assertThat(purge.purge()).isZero();
        assertThat(events).hasSize(1);
    }

    @Test
    void an_operator_revocation_is_reported() {
        RevokeSessionsService revoke = new RevokeSessionsService(sessions, clock, events::add);
        applications.save(DemoData.demoApplication());
        customers.save(DemoData.ivan());
        issue.issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null));
        SessionId session = events.get(0).session();
        assertThat(revoke.revokeSession(session)).isTrue();
        assertThat(revoke.revokeSession(session)).isFalse();
        assertThat(events).extracting(AuditEvent::type).containsExactly(Type.SESSION_STARTED, Type.SESSION_REVOKED);
        assertThat(events.get(1).reason()).isEqualTo("operator");
    }
}
