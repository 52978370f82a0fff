package dev.customertokens.application.service;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.NamingCodec;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.domain.TokenClaims;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The use case's duty towards stores that make writes durable after they become visible (an H2 file
 * with group commit): a successor it read rather than wrote goes out only after the store says durable.
 */
class RefreshTokenServiceTest {

    /** Counts the durability waits asked of it. */
    private static final class CountingSessions implements Sessions {
        private final InMemorySessions delegate;

        CountingSessions(InMemoryCustomerAccounts customers) {
            this.delegate = new InMemorySessions(customers);
        }
        final AtomicInteger durabilityWaits = new AtomicInteger();

        @Override
        public SessionId nextId() {
            return delegate.nextId();
        }

        @Override
        public void create(Session session) {
            delegate.create(session);
        }

        @Override
        public Optional<Session> find(SessionId id) {
            return delegate.find(id);
        }

        @Override
        public java.util.List<Session> listOf(CustomerId customer) {
            return delegate.listOf(customer);
        }

        @Override
        public Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer) {
            return delegate.findWithCustomer(id, customer);
        }

        @Override
        public boolean rotate(Rotation rotation) {
            return delegate.rotate(rotation);
        }

        @Override
        public boolean countGraceReplay(SessionId id, CustomerId customer, String currentJti, int limit) {
            return delegate.countGraceReplay(id, customer, currentJti, limit);
        }

        @Override
        public void awaitDurable() {
            durabilityWaits.incrementAndGet();
        }

        @Override
        public boolean revoke(SessionId id, Instant at, RevocationReason reason) {
            return delegate.revoke(id, at, reason);
        }

        @Override
        public boolean revoke(CustomerId customer, SessionId id, Instant at, RevocationReason reason) {
            return delegate.revoke(customer, id, at, reason);
        }

        @Override
        public int revokeAllOf(CustomerId customer, Instant at, RevocationReason reason) {
            return delegate.revokeAllOf(customer, at, reason);
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApplications applications = new InMemoryApplications();
    private final InMemoryCustomerAccounts customers = new InMemoryCustomerAccounts();
    private final CountingSessions sessions = new CountingSessions(customers);
    private final NamingCodec codec = new NamingCodec();
    private final TokenSettings settings = new TokenSettings("http://tokens.test", DemoData.SEED_SUBJECT_HASH,
            RotationPolicy.defaults());
    private final RefreshTokenService refresh = new RefreshTokenService(applications, sessions, codec,
            new SecureRandomTokenIds(), clock, settings);

    private String login() {
        applications.save(DemoData.demoApplication());
        customers.save(DemoData.ivan());
        return new IssueTokenService(applications, customers, sessions, codec, new SecureRandomTokenIds(), clock, settings)
                .issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null)).token();
    }

    private String refresh(String token, String requestId) {
        return refresh.refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of(requestId), null)).token();
    }

    @Test
    void a_rotation_it_stored_itself_needs_no_extra_wait() {
        String first = login();
        refresh(first, "r1");
        assertThat(sessions.durabilityWaits).hasValue(0);
    }

    @Test
    void a_replayed_successor_is_signed_again_from_the_stored_claims_identical_to_the_first() {
        String first = login();
        String successor = refresh(first, "r1");
        TokenClaims signed = codec.claimsOf(successor);
        clock.advance(Duration.ofSeconds(7));
        codec.forget(successor);
        assertThat(refresh(first, "r2")).isEqualTo(successor);
        assertThat(codec.claimsOf(successor)).as("re-signed claims").isEqualTo(signed);
    }

    @Test
    void a_replayed_successor_waits_until_the_store_says_durable() {
        String first = login();
        String successor = refresh(first, "r1");
        clock.advance(Duration.ofSeconds(5));
        assertThat(refresh(first, "r2")).as("grace replay").isEqualTo(successor);
        assertThat(sessions.durabilityWaits).hasValue(1);
        assertThat(refresh(first, "r1")).as("retry by request id").isEqualTo(successor);
        assertThat(sessions.durabilityWaits).hasValue(2);
    }
}
