package dev.customertokens.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DpopRulesTest {

    private static final String HTU = "https://api.shop.example/api/customers/refresh";
    private static final KeyThumbprint KEY = KeyThumbprint.of("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final DpopRules rules = DpopRules.defaults();

    private static DpopProof proof(String htu, long iat, String token) {
        return new DpopProof(KEY, "e1j3V_bKic8-LAEB", "GET", htu, iat, DpopRules.accessTokenHash(token), null);
    }

    @Test
    void the_access_token_hash_is_that_of_rfc_9449() {
        assertThat(DpopRules.accessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"))
                .isEqualTo("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
    }

    @Test
    void urls_compare_without_query_fragment_case_of_scheme_and_host_or_default_port() {
        assertThat(DpopRules.sameUrl("HTTPS://API.Shop.Example:443/api/customers/refresh?a=b#c", HTU)).isTrue();
        assertThat(DpopRules.sameUrl("http://api.shop.example:80/x", "http://api.shop.example/x")).isTrue();
        assertThat(DpopRules.sameUrl("https://api.shop.example/API/customers/refresh", HTU)).as("path case").isFalse();
        assertThat(DpopRules.sameUrl("https://api.shop.example:8443/api/customers/refresh", HTU)).isFalse();
        assertThat(DpopRules.sameUrl("http://api.shop.example/api/customers/refresh", HTU)).isFalse();
        assertThat(DpopRules.sameUrl("not a url", HTU)).isFalse();
        assertThat(DpopRules.sameUrl("https://user@api.shop.example/api/customers/refresh", HTU)).isFalse();
    }

    @Test
    void iat_within_the_skew_either_way_is_accepted_and_one_second_more_is_not() {
        assertThat(rules.violation(proof(HTU, NOW.getEpochSecond() + 60, "t"), KEY, "t", HTU, NOW)).isEmpty();
        assertThat(rules.violation(proof(HTU, NOW.getEpochSecond() - 60, "t"), KEY, "t", HTU, NOW)).isEmpty();
        assertThat(rules.violation(proof(HTU, NOW.getEpochSecond() + 61, "t"), KEY, "t", HTU, NOW))
                .hasValueSatisfying(message -> assertThat(message).contains("iat"));
        DpopRules wide = new DpopRules(Duration.ofMinutes(5));
        assertThat(wide.violation(proof(HTU, NOW.getEpochSecond() - 299, "t"), KEY, "t", HTU, NOW)).isEmpty();
    }

    @Test
    void a_proof_for_another_token_is_refused() {
        assertThat(rules.violation(proof(HTU, NOW.getEpochSecond(), "other"), KEY, "t", HTU, NOW))
                .hasValueSatisfying(message -> assertThat(message).contains("ath"));
    }

    @Test
    void a_proof_for_an_unbound_session_may_be_of_any_key() {
        assertThat(rules.violation(proof(HTU, NOW.getEpochSecond(), "t"), null, "t", HTU, NOW)).isEmpty();
    }

    @Test
    void which_requests_need_a_proof() {
        assertThat(rules.proofRequired(true, true, true)).isFalse();
        assertThat(rules.proofRequired(true, false, true)).isTrue();
        assertThat(rules.proofRequired(true, true, false)).isTrue();
        assertThat(rules.proofRequired(false, false, false)).isFalse();
        assertThat(rules.proofRequired(false, false, true)).isFalse();
        assertThat(rules.proofRequired(false, true, false)).isTrue();
    }

    @Test
    void a_jti_is_remembered_until_a_proof_with_it_would_be_refused_for_its_iat() {
        assertThat(rules.replayWindowEnd(proof(HTU, NOW.getEpochSecond(), "t"), NOW)).isEqualTo(NOW.plusSeconds(61));
        assertThat(rules.replayWindowEnd(proof(HTU, NOW.getEpochSecond() + 30, "t"), NOW)).isEqualTo(NOW.plusSeconds(91));
    }

    @Test
    void a_thumbprint_is_43_base64url_characters() {
        assertThat(KeyThumbprint.isWellFormed("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).isTrue();
        assertThat(KeyThumbprint.isWellFormed("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4")).isFalse();
        assertThat(KeyThumbprint.isWellFormed("0ZcOCORZNYy+DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).isFalse();
        assertThatThrownBy(() -> KeyThumbprint.of("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
