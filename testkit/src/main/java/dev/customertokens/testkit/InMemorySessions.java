package dev.customertokens.testkit;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.SessionWithCustomer;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The sessions port in memory; {@link ConcurrentMap#compute} gives the rotation its compare-and-set. */
public final class InMemorySessions implements Sessions {

    private final ConcurrentMap<SessionId, Session> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CustomerAccounts customerAccounts;

    /** @param customerAccounts where {@link #findWithCustomer} finds the accounts */
    public InMemorySessions(CustomerAccounts customerAccounts) {
        this.customerAccounts = customerAccounts;
    }

    @Override
    public SessionId nextId() {
        return SessionId.of(ids.incrementAndGet());
    }

    @Override
    public void create(Session session) {
        if (byId.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("session " + session.id() + " exists already");
        }
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Session> listOf(CustomerId customer) {
        return byId.values().stream().filter(session -> session.customerId().equals(customer))
                .sorted(Comparator.comparingLong(session -> session.id().value())).toList();
    }

    @Override
    public Optional<SessionWithCustomer> findWithCustomer(SessionId id, CustomerId customer) {
        return find(id).filter(session -> session.customerId().equals(customer))
                .map(session -> new SessionWithCustomer(session, customerAccounts.find(customer).orElse(null)));
    }

    @Override
    public boolean rotate(Rotation rotation) {
        boolean[] applied = {false};
        byId.computeIfPresent(rotation.sessionId(), (id, session) -> {
            if (session.isRevoked() || !session.customerId().equals(rotation.customerId())
                    || !session.currentJti().equals(rotation.expectedCurrentJti())) {
                return session;
            }
            applied[0] = true;
            return session.rotatedBy(rotation);
        });
        return applied[0];
    }

    @Override
    public boolean countGraceReplay(SessionId id, CustomerId customer, String currentJti, int limit) {
        boolean[] counted = {false};
        byId.computeIfPresent(id, (key, session) -> {
            if (session.isRevoked() || !session.customerId().equals(customer)
                    || !session.currentJti().equals(currentJti) || session.graceReplays() >= limit) {
                return session;
            }
            counted[0] = true;
            return session.withGraceReplayCounted();
        });
        return counted[0];
    }

    @Override
    public boolean revoke(SessionId id, Instant at, RevocationReason reason) {
        boolean[] revoked = {false};
        byId.computeIfPresent(id, (key, session) -> {
            if (session.isRevoked()) {
                return session;
            }
            revoked[0] = true;
            return session.revoked(at, reason);
        });
        return revoked[0];
    }

    @Override
    public boolean revoke(CustomerId customer, SessionId id, Instant at, RevocationReason reason) {
        return find(id).filter(session -> session.customerId().equals(customer)).isPresent() && revoke(id, at, reason);
    }

    @Override
    public int revokeAllOf(CustomerId customer, Instant at, RevocationReason reason) {
        AtomicInteger count = new AtomicInteger();
        byId.keySet().forEach(id -> {
            Session session = byId.get(id);
            if (session != null && session.customerId().equals(customer) && revoke(id, at, reason)) {
                count.incrementAndGet();
            }
        });
        return count.get();
    }
}
