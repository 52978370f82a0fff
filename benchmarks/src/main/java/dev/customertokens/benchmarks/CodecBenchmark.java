package dev.customertokens.benchmarks;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.JwtTokenCodec;
import dev.customertokens.application.port.out.InvalidTokenException;
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

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The codec's share of a refresh (HS256, the default): one signature, one verification, and the refusal of a token
 * whose signature was altered, the work a forged token costs. Run with {@code -t 2} for two threads at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    private JwtTokenCodec codec;
    private TokenClaims claims;
    private String token;
    private String tampered;

    @Setup
    public void setUp() {
        String origin = "http://127.0.0.1:8080";
        codec = new JwtTokenCodec(JwtSettings.hs256(BenchmarkData.SECRET, JwtSettings.DEFAULT_SUBJECT_HASH, Set.of(origin)));
        long now = System.currentTimeMillis() / 1000;
        claims = new TokenClaims(origin + "/api/customers/refresh", now, now, now + 86_400, "w56MWawn4SmPk2FlVXh27Q",
                "0da5a3f0-a354-4c04-8438-f1389c19a3f7", JwtSettings.DEFAULT_SUBJECT_HASH, 15, 15_726);
        token = codec.sign(claims);
        // the last two characters of the signature changed, still strict base64url
        tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
    }

    @Benchmark
    public String sign() {
        return codec.sign(claims);
    }

    @Benchmark
    public TokenClaims verify() throws InvalidTokenException {
        return codec.verify(token);
    }

    @Benchmark
    public boolean verifyTamperedSignature() {
        try {
            codec.verify(tampered);
            return true;
        } catch (InvalidTokenException e) {
            return false;
        }
    }
}
