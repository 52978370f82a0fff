package com.example.sessions;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.service.IssueTokenService;
import dev.customertokens.application.service.RefreshTokenService;
import dev.customertokens.application.service.SecureRandomTokenIds;
import dev.customertokens.application.service.TokenSettings;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.NamingCodec;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The adapter behind the library's own use cases: a login and refreshes as a service would run them,
 * with the JDBC store in place of the library's. Tokens are the testkit's {@link NamingCodec} names.
 */
class RefreshOnJdbcStoreTest {

    private final DataSource database = H2InMemory.withSchema("refresh-" + System.nanoTime());
    private final JdbcCustomerAccounts customerAccounts = new JdbcCustomerAccounts(database);
    private final JdbcSessions sessions = new JdbcSessions(database);
    private final InMemoryApplications applications = new InMemoryApplications();
    private final NamingCodec codec = new NamingCodec();
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final TokenSettings settings = new TokenSettings("https://tokens.example.com", DemoData.SEED_SUBJECT_HASH,
            RotationPolicy.defaults());

    private final IssueTokenService login = new IssueTokenService(applications, customerAccounts, sessions, codec,
            new SecureRandomTokenIds(), clock, settings);
    private final RefreshTokenService refresh = new RefreshTokenService(applications, sessions, codec,
            new SecureRandomTokenIds(), clock, settings);

    @Test
    void a_refresh_rotates_the_session_in_the_database() {
        String first = login();

        String second = refresh(first, "request-1");

        Session stored = sessions.find(sessionOf(first)).orElseThrow();
        assertEquals(1, stored.rotations());
        assertEquals(codec.claimsOf(second).jti(), stored.currentJti());
        assertEquals(codec.claimsOf(first).jti(), stored.previousJti());
    }

    @Test
    void a_token_presented_again_after_the_grace_period_revokes_the_session() {
        String first = login();
        String second = refresh(first, "request-1");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(second, refresh(first, "request-2"), "within the grace period: the same successor");

        clock.advance(RotationPolicy.DEFAULT_GRACE);
        assertRefused(Refusal.TOKEN_REUSED, first, "request-3");

        assertEquals(RevocationReason.REUSE_DETECTED,
                sessions.find(sessionOf(first)).orElseThrow().revocationReason());
        assertRefused(Refusal.SESSION_REVOKED, second, "request-4");
    }

    @Test
    void concurrent_refreshes_on_two_nodes_rotate_once_and_all_get_the_same_token() throws Exception {
        String first = login();
        RefreshTokenService otherNode = new RefreshTokenService(applications, new JdbcSessions(database), codec,
                new SecureRandomTokenIds(), clock, settings);
        int racers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                RefreshTokenService node = i % 2 == 0 ? refresh : otherNode;
                RefreshTokenCommand command = new RefreshTokenCommand(first, DemoData.DEMO_KEY,
                        RequestId.of("racer-" + i), null);
                answers.add(pool.submit(() -> {
                    start.await();
                    return node.refresh(command).token();
                }));
            }
            start.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<String> answer : answers) {
                tokens.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertEquals(1, tokens.size(), "every racer got the same successor");
            assertEquals(1, sessions.find(sessionOf(first)).orElseThrow().rotations());
        } finally {
            pool.shutdownNow();
        }
    }

    private String login() {
        applications.save(DemoData.demoApplication());
        customerAccounts.save(DemoData.ivan());
        return login.issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null)).token();
    }

    private String refresh(String token, String requestId) {
        return refresh.refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of(requestId), null)).token();
    }

    private void assertRefused(Refusal expected, String token, String requestId) {
        TokenRefusedException refused = assertThrows(TokenRefusedException.class, () -> refresh(token, requestId));
        assertEquals(expected, refused.refusal());
    }

    private SessionId sessionOf(String token) {
        return SessionId.of(codec.claimsOf(token).sessionId());
    }
}
