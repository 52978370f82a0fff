package dev.customertokens.application.service;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.domain.AuditEvent.Type;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RequestId;
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

/**
 * The database's loss is not the customer's (CONTRACT 2.3): a store restored to an earlier state still
 * refreshes the newest token each client holds, and an older one is still reuse.
 */
class LostRotationsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApplications applications = new InMemoryApplications();
    private final InMemoryCustomerAccounts customers = new InMemoryCustomerAccounts();
    private final InMemorySessions before = new InMemorySessions(customers);
    private final NamingCodec codec = new NamingCodec();
    private final TokenSettings settings = new TokenSettings("http://tokens.test", DemoData.SEED_SUBJECT_HASH,
            RotationPolicy.defaults());
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    private RefreshTokenService refreshingOn(InMemorySessions sessions) {
        return new RefreshTokenService(applications, sessions, codec, new SecureRandomTokenIds(), clock, settings,
                events::add);
    }

    private String login() {
        applications.save(DemoData.demoApplication());
        customers.save(DemoData.ivan());
        return new IssueTokenService(applications, customers, before, codec, new SecureRandomTokenIds(), clock, settings)
                .issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null)).token();
    }

    private static TokenGrant refresh(RefreshTokenService service, String token, String requestId) {
        return service.refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of(requestId), null));
    }

    /** A store holding the session as it was at {@code snapshot}: a backup restored, a standby promoted. */
    private InMemorySessions restoredTo(Session snapshot) {
        InMemorySessions restored = new InMemorySessions(customers);
        restored.create(snapshot);
        return restored;
    }

    @Test
    void the_newest_token_of_a_client_moves_a_restored_session_forward() {
        RefreshTokenService live = refreshingOn(before);
        String token = login();
        clock.advance(Duration.ofMinutes(1));
        token = refresh(live, token, "r1").token();
        Session backup = before.listOf(DemoData.IVAN_ID).get(0);
        for (int i = 2; i <= 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            token = refresh(live, token, "r" + i).token();
        }
        InMemorySessions restored = restoredTo(backup);
        RefreshTokenService afterRestore = refreshingOn(restored);
        clock.advance(Duration.ofMinutes(1));

        String next = refresh(afterRestore, token, "r5").token();

        Session moved = restored.listOf(DemoData.IVAN_ID).get(0);
        assertThat(moved.previousJti()).isEqualTo(codec.claimsOf(token).jti());
        assertThat(moved.currentJti()).isEqualTo(codec.claimsOf(next).jti());
        assertThat(events.get(events.size() - 1).type()).isEqualTo(Type.SESSION_FAST_FORWARDED);
        assertThat(refresh(afterRestore, token, "r5").token()).as("a retry of the move").isEqualTo(next);
        assertThat(refresh(afterRestore, next, "r6").token()).as("the chain goes on").isNotEqualTo(next);
    }

    @Test
    void a_token_older_than_the_restored_current_one_is_still_reuse() {
        RefreshTokenService live = refreshingOn(before);
        String first = login();
        clock.advance(Duration.ofMinutes(1));
        String second = refresh(live, first, "r1").token();
        clock.advance(Duration.ofMinutes(1));
        String third = refresh(live, second, "r2").token();
        Session backup = before.listOf(DemoData.IVAN_ID).get(0);
        RefreshTokenService afterRestore = refreshingOn(restoredTo(backup));
        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> refresh(afterRestore, first, "r9")).isInstanceOfSatisfying(
                TokenRefusedException.class, refused -> assertThat(refused.refusal()).isEqualTo(Refusal.TOKEN_REUSED));
        assertThatThrownBy(() -> refresh(afterRestore, third, "r10")).as("the session is revoked")
                .isInstanceOfSatisfying(TokenRefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.SESSION_REVOKED));
    }
}
