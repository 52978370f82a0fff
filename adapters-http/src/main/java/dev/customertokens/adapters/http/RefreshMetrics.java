package dev.customertokens.adapters.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The refresh endpoint's meters (CONTRACT 4.2): {@code customer_tokens_refresh_total} by {@code outcome}
 * and {@code error}, and the {@code customer_tokens_refresh_seconds} histogram. Every meter is
 * registered here, once; a request only increments what it finds in a plain map.
 */
public final class RefreshMetrics {

    /** Every {@code error} the refresh endpoint can answer (CONTRACT 1.4), so that each series exists from the start. */
    static final List<String> ERRORS = List.of("invalid_headers", "invalid_query", "token_absent", "token_invalid",
            "token_not_yet_valid", "token_refresh_expired", "dpop_required", "dpop_proof_invalid", "dpop_nonce_required",
            "session_invalid", "session_revoked", "session_idle_expired", "token_reused",
            "application_unknown", "application_mismatch", "customer_inactive", "customer_not_found",
            "not_acceptable", "headers_too_large", "unavailable", "internal_error");

    private final Counter rotated;
    private final Counter replayed;
    private final Map<String, Counter> refused = new HashMap<>();
    private final Counter refusedOther;
    private final Timer latency;

    /**
     * Registers every meter in {@code registry}, each series from the start.
     *
     * @param registry where the meters go
     */
    public RefreshMetrics(MeterRegistry registry) {
        rotated = counter(registry, "rotated", "");
        replayed = counter(registry, "replayed", "");
        for (String error : ERRORS) {
            refused.put(error, counter(registry, "refused", error));
        }
        refusedOther = counter(registry, "refused", "other");
        latency = Timer.builder("customer_tokens.refresh")
                .description("Time to answer GET /api/customers/refresh, from the request's headers to the response")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /**
     * Meters that go nowhere, for an adapter run without a registry.
     *
     * @return meters on an empty composite registry
     */
    public static RefreshMetrics none() {
        return new RefreshMetrics(new CompositeMeterRegistry());
    }

    private static Counter counter(MeterRegistry registry, String outcome, String error) {
        return Counter.builder("customer_tokens.refresh")
                .description("Refresh requests answered, by outcome and error code")
                .tag("outcome", outcome)
                .tag("error", error)
                .register(registry);
    }

    void rotated(long nanos) {
        rotated.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void replayed(long nanos) {
        replayed.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void refused(String error, long nanos) {
        refused.getOrDefault(error, refusedOther).increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
