package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.AuthorizationScheme;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.domain.Refusal;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.customertokens.adapters.http.EndpointHarness.body;
import static dev.customertokens.adapters.http.EndpointHarness.validHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire of CONTRACT 2.7 as the HTTP adapter carries it: the {@code DPoP} scheme beside {@code Bearer}, every
 * {@code DPoP} header into the command in order, and the DPoP refusals with their {@code WWW-Authenticate: DPoP}
 * challenge, the rule broken as the message and a fresh {@code DPoP-Nonce} when one is needed.
 * {@link DpopWireMountedTest} runs them mounted on a host's router.
 */
class DpopWireTest extends OnEndpointHarness {

    private static final String CHALLENGE = "DPoP algs=\"ES256 EdDSA RS256 PS256\", error=";

    private RefreshTokenCommand reached() {
        assertThat(http.commands).hasSize(1);
        return http.commands.get(0);
    }

    @Test
    void the_dpop_scheme_and_its_proof_reach_the_use_case() {
        HttpResponse<Buffer> response = http.get(validHeaders().set("Authorization", "DPoP a.b.c").set("DPoP", "p.r.f"));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(reached().scheme()).isEqualTo(AuthorizationScheme.DPOP);
        assertThat(reached().bearerToken()).isEqualTo("a.b.c");
        assertThat(reached().dpopProofs()).containsExactly("p.r.f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpop ", "DPOP ", "DPoP   ", "dPoP\t"})
    void the_dpop_scheme_is_case_insensitive(String scheme) {
        assertThat(http.get(validHeaders().set("Authorization", scheme + "a.b.c")).statusCode()).isEqualTo(200);
        assertThat(reached().scheme()).isEqualTo(AuthorizationScheme.DPOP);
        assertThat(reached().bearerToken()).isEqualTo("a.b.c");
    }

    @Test
    void every_dpop_header_reaches_the_use_case_in_order_whatever_the_scheme() {
        MultiMap headers = validHeaders().add("DPoP", "first").add("dpop", "second");

        assertThat(http.get(headers).statusCode()).isEqualTo(200);
        assertThat(reached().scheme()).isEqualTo(AuthorizationScheme.BEARER);
        assertThat(reached().dpopProofs()).containsExactly("first", "second");
    }

    @Test
    void a_bearer_request_without_proof_is_as_before() {
        assertThat(http.get(validHeaders()).statusCode()).isEqualTo(200);
        assertThat(reached().scheme()).isEqualTo(AuthorizationScheme.BEARER);
        assertThat(reached().dpopProofs()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DPoP", "DPoP ", "DPoP     ", "DPoPa.b.c", "DPoP-x a.b.c"})
    void the_dpop_scheme_without_a_token_is_token_absent(String authorization) {
        HttpResponse<Buffer> response = http.get(validHeaders().set("Authorization", authorization).set("DPoP", "p"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(response).getString("error")).isEqualTo("token_absent");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(http.commands).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "DPOP_REQUIRED, dpop_required, invalid_token",
            "DPOP_PROOF_INVALID, dpop_proof_invalid, invalid_dpop_proof",
            "DPOP_NONCE_REQUIRED, dpop_nonce_required, use_dpop_nonce"})
    void each_dpop_refusal_is_a_401_with_the_dpop_challenge(Refusal refusal, String error, String challengeError) {
        http.behaviour = command -> {
            throw new TokenRefusedException(refusal);
        };
        HttpResponse<Buffer> response = http.get(validHeaders().set("Authorization", "DPoP a.b.c").set("DPoP", "p"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(response).getString("error")).isEqualTo(error);
        assertThat(body(response).getString("message")).isNotBlank();
        assertThat(response.headers().getAll("WWW-Authenticate")).containsExactly(CHALLENGE + "\"" + challengeError + "\"");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void the_rule_broken_is_the_message() {
        http.behaviour = command -> {
            throw new TokenRefusedException(Refusal.DPOP_PROOF_INVALID,
                    "The DPoP proof is invalid: the proof's htu must be https://tokens.example/api/customers/refresh", null);
        };
        HttpResponse<Buffer> response = http.get(validHeaders().set("Authorization", "DPoP a.b.c").set("DPoP", "p"));

        assertThat(body(response).getString("message"))
                .isEqualTo("The DPoP proof is invalid: the proof's htu must be https://tokens.example/api/customers/refresh");
    }

    @Test
    void a_nonce_refusal_hands_out_the_fresh_nonce() {
        http.behaviour = command -> {
            throw new TokenRefusedException(Refusal.DPOP_NONCE_REQUIRED, "carry the nonce", "n0nce-value_1");
        };
        HttpResponse<Buffer> response = http.get(validHeaders().set("Authorization", "DPoP a.b.c").set("DPoP", "p"));

        assertThat(response.getHeader("DPoP-Nonce")).isEqualTo("n0nce-value_1");
        assertThat(body(response).getString("message")).isEqualTo("carry the nonce");
    }

    @Test
    void other_refusals_keep_the_bearer_challenge_and_their_message_and_carry_no_nonce() {
        http.behaviour = command -> {
            throw new TokenRefusedException(Refusal.TOKEN_REUSED);
        };
        for (String authorization : List.of("Bearer a.b.c", "DPoP a.b.c")) {
            HttpResponse<Buffer> response = http.get(validHeaders().set("Authorization", authorization).set("DPoP", "p"));
            assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
            assertThat(response.getHeader("DPoP-Nonce")).isNull();
            assertThat(body(response).getString("message")).isEqualTo(
                    "The token was already refreshed; the session has been revoked as a precaution; log in again");
        }
    }
}
