package dev.customertokens.application.service;

import dev.customertokens.application.port.in.AuthorizationScheme;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.DpopNonces;
import dev.customertokens.application.port.out.InvalidDpopProofException;
import dev.customertokens.domain.DpopProof;
import dev.customertokens.domain.DpopRules;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemoryDpopProofReplays;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.testkit.MutableClock;
import dev.customertokens.testkit.NamingCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Step 4a of a refresh (CONTRACT 2.7) through the use case, with proofs whose signatures a fake verifier takes
 * as read: which requests need a proof, the order of the three refusals, and that a refused proof harms nothing.
 */
class DpopRefreshTest {

    private static final String HTU = "http://tokens.test/api/customers/refresh";
    private static final KeyThumbprint CLIENT_KEY = KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    private static final KeyThumbprint OTHER_KEY = KeyThumbprint.of("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryApplications applications = new InMemoryApplications();
    private final InMemoryCustomerAccounts customers = new InMemoryCustomerAccounts();
    private final InMemorySessions sessions = new InMemorySessions(customers);
    private final NamingCodec codec = new NamingCodec();
    private final TokenSettings settings = new TokenSettings("http://tokens.test", DemoData.SEED_SUBJECT_HASH,
            RotationPolicy.defaults());
    private final Map<String, DpopProof> proofs = new ConcurrentHashMap<>();
    private final AtomicInteger proofNames = new AtomicInteger();
    private final InMemoryDpopProofReplays replays = new InMemoryDpopProofReplays();
    /** Accepts the nonce of the current minute only. */
    private final DpopNonces nonces = new DpopNonces() {
        @Override
        public String issue(Instant now) {
            return "nonce-" + now.getEpochSecond() / 60;
        }

        @Override
        public boolean accepts(String nonce, Instant now) {
            return issue(now).equals(nonce);
        }
    };

    private RefreshTokenService refreshing(boolean noncesOn) {
        DpopProofCheck check = new DpopProofCheck(proof -> {
            DpopProof read = proofs.get(proof);
            if (read == null) {
                throw new InvalidDpopProofException("the signature does not verify");
            }
            return read;
        }, replays, noncesOn ? nonces : null, DpopRules.defaults(), HTU);
        return new RefreshTokenService(applications, sessions, codec, new SecureRandomTokenIds(), clock, settings,
                event -> { }, check);
    }

    private String login(KeyThumbprint boundTo) {
        applications.save(DemoData.demoApplication());
        customers.save(DemoData.ivan());
        return new IssueTokenService(applications, customers, sessions, codec, new SecureRandomTokenIds(), clock, settings)
                .issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null, boundTo)).token();
    }

    /** A proof for {@code token} by {@code key}, now, correct in every claim unless a test changes one. */
    private String proof(KeyThumbprint key, String token) {
        return proof(new DpopProof(key, "jti-" + proofNames.incrementAndGet(), "GET", HTU,
                clock.instant().getEpochSecond(), DpopRules.accessTokenHash(token), null));
    }

    private String proof(DpopProof proof) {
        String name = "proof-" + proofNames.incrementAndGet();
        proofs.put(name, proof);
        return name;
    }

    private static TokenGrant refresh(RefreshTokenService service, String token, AuthorizationScheme scheme,
                                      List<String> dpop, String requestId) {
        return service.refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of(requestId), null,
                scheme, dpop));
    }

    private static void assertRefused(Runnable refresh, Refusal refusal, String detail) {
        assertThatThrownBy(refresh::run).isInstanceOfSatisfying(TokenRefusedException.class, refused -> {
            assertThat(refused.refusal()).isEqualTo(refusal);
            assertThat(refused.detail()).hasValueSatisfying(message -> assertThat(message).contains(detail));
        });
    }

    @Test
    void a_bound_session_refreshes_with_the_dpop_scheme_and_a_proof_of_its_key_and_stays_bound() {
        RefreshTokenService service = refreshing(false);
        String token = login(CLIENT_KEY);
        assertThat(codec.claimsOf(token).cnfJkt()).isEqualTo(CLIENT_KEY);

        String next = refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(CLIENT_KEY, token)), "r1").token();

        assertThat(codec.claimsOf(next).cnfJkt()).isEqualTo(CLIENT_KEY);
    }

    @Test
    void a_bound_session_without_a_proof_or_with_the_bearer_scheme_needs_one_and_is_unharmed() {
        RefreshTokenService service = refreshing(false);
        String token = login(CLIENT_KEY);

        assertRefused(() -> refresh(service, token, AuthorizationScheme.BEARER, List.of(), "r1"),
                Refusal.DPOP_REQUIRED, "bound to a key");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.BEARER, List.of(proof(CLIENT_KEY, token)), "r2"),
                Refusal.DPOP_REQUIRED, "bound to a key");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP, List.of(), "r3"),
                Refusal.DPOP_REQUIRED, "bound to a key");

        assertThat(refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(CLIENT_KEY, token)), "r4").token())
                .isNotEqualTo(token);
    }

    @Test
    void an_unbound_session_takes_either_scheme_and_a_valid_proof_changes_nothing() {
        RefreshTokenService service = refreshing(false);
        String token = login(null);

        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP, List.of(), "r1"),
                Refusal.DPOP_REQUIRED, "needs a DPoP proof");
        String next = refresh(service, token, AuthorizationScheme.BEARER, List.of(proof(CLIENT_KEY, token)), "r2").token();
        assertThat(codec.claimsOf(next).cnfJkt()).isNull();
        String third = refresh(service, next, AuthorizationScheme.DPOP, List.of(proof(OTHER_KEY, next)), "r3").token();
        assertThat(refresh(service, third, AuthorizationScheme.BEARER, List.of(), "r4").token()).isNotNull();
    }

    @Test
    void every_rule_of_the_proof_is_refused_naming_the_rule_and_the_session_is_unharmed() {
        RefreshTokenService service = refreshing(false);
        String token = login(CLIENT_KEY);
        long now = clock.instant().getEpochSecond();
        String ath = DpopRules.accessTokenHash(token);

        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP, List.of("forged"), "r1"),
                Refusal.DPOP_PROOF_INVALID, "signature does not verify");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP,
                        List.of(proof(CLIENT_KEY, token), proof(CLIENT_KEY, token)), "r2"),
                Refusal.DPOP_PROOF_INVALID, "exactly one DPoP header");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(OTHER_KEY, token)), "r3"),
                Refusal.DPOP_PROOF_INVALID, "bound to");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP,
                        List.of(proof(new DpopProof(CLIENT_KEY, "j1", "POST", HTU, now, ath, null))), "r4"),
                Refusal.DPOP_PROOF_INVALID, "htm must be GET");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP,
                        List.of(proof(new DpopProof(CLIENT_KEY, "j2", "GET", "http://elsewhere.test/api/customers/refresh",
                                now, ath, null))), "r5"),
                Refusal.DPOP_PROOF_INVALID, "htu must be " + HTU);
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP,
                        List.of(proof(new DpopProof(CLIENT_KEY, "j3", "GET", HTU, now - 61, ath, null))), "r6"),
                Refusal.DPOP_PROOF_INVALID, "iat (" + (now - 61) + ") is more than 60 s from the server's time (" + now + ")");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP,
                        List.of(proof(new DpopProof(CLIENT_KEY, "j4", "GET", HTU, now, "wrong", null))), "r7"),
                Refusal.DPOP_PROOF_INVALID, "ath");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP,
                        List.of(proof(new DpopProof(CLIENT_KEY, "", "GET", HTU, now, ath, null))), "r8"),
                Refusal.DPOP_PROOF_INVALID, "jti");

        assertThat(sessions.listOf(DemoData.IVAN_ID).get(0).rotations()).isZero();
        assertThat(refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(CLIENT_KEY, token)), "r9").token())
                .as("still the current token").isNotEqualTo(token);
    }

    @Test
    void an_htu_differing_only_in_case_default_port_or_query_is_the_same() {
        RefreshTokenService service = refreshing(false);
        String token = login(CLIENT_KEY);
        String proof = proof(new DpopProof(CLIENT_KEY, "j1", "GET", "HTTP://Tokens.TEST:80/api/customers/refresh?x=1#f",
                clock.instant().getEpochSecond(), DpopRules.accessTokenHash(token), null));
        assertThat(refresh(service, token, AuthorizationScheme.DPOP, List.of(proof), "r1").token()).isNotNull();
    }

    @Test
    void a_proof_is_accepted_once() {
        RefreshTokenService service = refreshing(false);
        String token = login(CLIENT_KEY);
        String proof = proof(CLIENT_KEY, token);
        String next = refresh(service, token, AuthorizationScheme.DPOP, List.of(proof), "r1").token();

        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP, List.of(proof), "r2"),
                Refusal.DPOP_PROOF_INVALID, "jti was used already");
        assertThat(refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(CLIENT_KEY, token)), "r3").token())
                .as("a grace replay with a fresh proof").isEqualTo(next);
    }

    @Test
    void without_a_nonce_the_client_gets_one_and_retries_the_same_token_and_jti() {
        RefreshTokenService service = refreshing(true);
        String token = login(CLIENT_KEY);
        long now = clock.instant().getEpochSecond();
        String ath = DpopRules.accessTokenHash(token);

        assertThatThrownBy(() -> refresh(service, token, AuthorizationScheme.DPOP,
                List.of(proof(new DpopProof(CLIENT_KEY, "same-jti", "GET", HTU, now, ath, null))), "r1"))
                .isInstanceOfSatisfying(TokenRefusedException.class, refused -> {
                    assertThat(refused.refusal()).isEqualTo(Refusal.DPOP_NONCE_REQUIRED);
                    assertThat(refused.dpopNonce()).contains(nonces.issue(clock.instant()));
                });
        String retried = proof(new DpopProof(CLIENT_KEY, "same-jti", "GET", HTU, now, ath, nonces.issue(clock.instant())));
        assertThat(refresh(service, token, AuthorizationScheme.DPOP, List.of(retried), "r2").token()).isNotEqualTo(token);
    }

    @Test
    void presence_comes_before_the_rules_and_the_rules_before_the_nonce() {
        RefreshTokenService service = refreshing(true);
        String token = login(CLIENT_KEY);
        long late = clock.instant().getEpochSecond() - 600;
        String staleWithoutNonce = proof(new DpopProof(CLIENT_KEY, "j1", "GET", HTU, late,
                DpopRules.accessTokenHash(token), null));

        assertRefused(() -> refresh(service, token, AuthorizationScheme.BEARER, List.of(staleWithoutNonce), "r1"),
                Refusal.DPOP_REQUIRED, "bound");
        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP, List.of(staleWithoutNonce), "r2"),
                Refusal.DPOP_PROOF_INVALID, "iat");
    }

    @Test
    void a_replayed_proof_without_a_nonce_is_invalid_rather_than_asked_for_a_nonce() {
        RefreshTokenService service = refreshing(true);
        String token = login(CLIENT_KEY);
        long now = clock.instant().getEpochSecond();
        String ath = DpopRules.accessTokenHash(token);
        refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(new DpopProof(CLIENT_KEY, "used", "GET", HTU,
                now, ath, nonces.issue(clock.instant())))), "r1");

        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP,
                        List.of(proof(new DpopProof(CLIENT_KEY, "used", "GET", HTU, now, ath, null))), "r2"),
                Refusal.DPOP_PROOF_INVALID, "jti was used already");
    }

    @Test
    void a_bad_proof_on_the_previous_token_is_neither_reuse_nor_a_replay() {
        RefreshTokenService service = refreshing(false);
        String token = login(CLIENT_KEY);
        String next = refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(CLIENT_KEY, token)), "r1").token();
        clock.advance(Duration.ofMinutes(10));

        assertRefused(() -> refresh(service, token, AuthorizationScheme.DPOP, List.of(proof(OTHER_KEY, token)), "r2"),
                Refusal.DPOP_PROOF_INVALID, "bound to");
        assertThat(sessions.listOf(DemoData.IVAN_ID).get(0).isRevoked()).isFalse();
        assertThat(refresh(service, next, AuthorizationScheme.DPOP, List.of(proof(CLIENT_KEY, next)), "r3").token())
                .isNotEqualTo(next);
    }

    @Test
    void a_deployment_without_dpop_refuses_proofs_and_keeps_bearer_tokens_working() {
        RefreshTokenService service = new RefreshTokenService(applications, sessions, codec, new SecureRandomTokenIds(),
                clock, settings);
        String token = login(null);
        assertRefused(() -> refresh(service, token, AuthorizationScheme.BEARER, List.of("any"), "r1"),
                Refusal.DPOP_PROOF_INVALID, "not accepted");
        assertThat(refresh(service, token, AuthorizationScheme.BEARER, List.of(), "r2").token()).isNotNull();
    }
}
