package dev.customertokens.benchmarks;

import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RefreshDecision;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.domain.TokenClaims;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The rotation rules' share of a refresh: the time checks, the decision and the successor's claims. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RotationRulesBenchmark {

    private final RotationPolicy policy = RotationPolicy.defaults();
    private final RequestId requestId = RequestId.of("dfe7c688-84ba-455c-a691-ec52921231f5");
    private Session session;
    private TokenClaims current;
    private TokenClaims previous;
    private Instant now;

    @Setup
    public void setUp() {
        Instant login = Instant.parse("2026-12-01T10:00:00Z");
        CustomerId customer = CustomerId.of("0da5a3f0-a354-4c04-8438-f1389c19a3f7");
        now = login.plusSeconds(3_600);
        session = Session.begin(SessionId.of(15_726), customer, ApplicationId.of(15), null, login, "jti-0")
                .rotatedBy(new Rotation(SessionId.of(15_726), customer, "jti-0", "jti-1", now.minusSeconds(5),
                        RequestId.of("first"), null));
        previous = new TokenClaims("http://x/api/customers/login", login.getEpochSecond(), login.getEpochSecond(),
                login.getEpochSecond() + 86_400, "jti-0", customer.value(), "prv", 15, 15_726);
        current = policy.currentClaims(session, previous, "http://x/api/customers/refresh");
    }

    @Benchmark
    public TokenClaims rotate() {
        policy.checkTokenTimes(current, now);
        RefreshDecision decision = policy.decide(session, current, requestId, now);
        return decision instanceof RefreshDecision.Rotate
                ? policy.successorClaims(current, "http://x/api/customers/refresh", "jti-2", now) : null;
    }

    @Benchmark
    public RefreshDecision graceReplay() {
        return policy.decide(session, previous, requestId, now);
    }
}
