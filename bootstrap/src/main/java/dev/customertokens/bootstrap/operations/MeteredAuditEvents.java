package dev.customertokens.bootstrap.operations;

import dev.customertokens.domain.AuditEvent;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.domain.RevocationReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code customer_tokens_sessions_revoked_total} by {@code reason} (CONTRACT 4.2), from the audit events:
 * a rising {@code reason="reuse_detected"} is stolen tokens being replayed, the alert of docs/operations.md.
 * Also {@code customer_tokens_sessions_purged_total}. Every counter is registered once, here.
 */
public final class MeteredAuditEvents implements AuditEvents {

    private final Map<RevocationReason, Counter> revoked = new EnumMap<>(RevocationReason.class);
    private final Counter purged;

    public MeteredAuditEvents(MeterRegistry registry) {
        for (RevocationReason reason : RevocationReason.values()) {
            revoked.put(reason, Counter.builder("customer_tokens.sessions.revoked")
                    .description("Sessions revoked, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        purged = Counter.builder("customer_tokens.sessions.purged")
                .description("Sessions deleted by housekeeping")
                .register(registry);
    }

    @Override
    public void record(AuditEvent event) {
        switch (event.type()) {
            case REUSE_DETECTED -> revoked.get(RevocationReason.REUSE_DETECTED).increment(event.count());
            case SESSION_REVOKED -> revoked.get(reasonOf(event)).increment(event.count());
            case SESSIONS_PURGED -> purged.increment(event.count());
            default -> {
                // refresh outcomes are counted by the HTTP adapter, which also sees the refusals of the wire
            }
        }
    }

    private static RevocationReason reasonOf(AuditEvent event) {
        try {
            return event.reason() == null ? RevocationReason.OPERATOR
                    : RevocationReason.valueOf(event.reason().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return RevocationReason.OPERATOR;
        }
    }
}
