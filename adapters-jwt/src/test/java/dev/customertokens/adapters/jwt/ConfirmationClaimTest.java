package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.testing.TokenForge.hs256;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaimsWith;
import static dev.customertokens.adapters.jwt.testing.TokenForge.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.application.port.out.InvalidTokenException;
import dev.customertokens.domain.KeyThumbprint;
import dev.customertokens.domain.TokenClaims;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code cnf} claim of a session bound to a client key (CONTRACT 2.7): written after {@code session_id} as
 * {@code "cnf":{"jkt":"<thumbprint>"}}, read back, and any other shape of it refused as {@code token_invalid}.
 */
class ConfirmationClaimTest {

    private static final String JKT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private final JwtTokenCodec codec = TokenForge.codec();

    private static TokenClaims bound() {
        TokenClaims c = TokenForge.claims();
        return new TokenClaims(c.iss(), c.iat(), c.nbf(), c.exp(), c.jti(), c.sub(), c.prv(), c.applicationId(),
                c.sessionId(), KeyThumbprint.of(JKT));
    }

    @Test
    void aBoundTokenCarriesTheThumbprintAfterTheSessionId() {
        String payload = new String(unb64(codec.sign(bound()).split("\\.")[1]), StandardCharsets.UTF_8);

        assertThat(payload).endsWith(",\"session_id\":15726,\"cnf\":{\"jkt\":\"" + JKT + "\"}}");
    }

    @Test
    void aBoundTokenVerifiesToItsThumbprint() throws InvalidTokenException {
        assertThat(codec.verify(codec.sign(bound()))).isEqualTo(bound());
    }

    @Test
    void anUnboundTokenHasNoCnfAndVerifiesWithoutOne() throws InvalidTokenException {
        String token = codec.sign(TokenForge.claims());

        assertThat(new String(unb64(token.split("\\.")[1]), StandardCharsets.UTF_8)).doesNotContain("cnf");
        assertThat(codec.verify(token).cnfJkt()).isNull();
    }

    @ParameterizedTest(name = "cnf {0}")
    @CsvSource(delimiter = '|', value = {
        "null                                                         | cnf is not an object",
        "\"" + JKT + "\"                                                | cnf is not an object",
        "[]                                                           | cnf is not an object",
        "{}                                                           | cnf has no jkt",
        "{\"jkt\":null}                                               | cnf.jkt is not a string",
        "{\"jkt\":42}                                                 | cnf.jkt is not a string",
        "{\"jkt\":{}}                                                 | cnf.jkt is not a string",
        "{\"jkt\":\"short\"}                                          | cnf.jkt is not a key thumbprint",
        "{\"jkt\":\"" + JKT + "=\"}                                     | cnf.jkt is not a key thumbprint",
        "{\"jkt\":\"" + JKT + "\",\"x5t#S256\":\"" + JKT + "\"}         | cnf holds something other than jkt",
        "{\"jkt\":\"" + JKT + "\",\"jkt\":\"" + JKT + "\"}              | not valid JSON",
    })
    void aMalformedCnfIsRefused(String rawCnf, String reason) {
        String token = hs256(rawClaimsWith("cnf", rawCnf.strip()));

        assertThatThrownBy(() -> codec.verify(token))
                .isExactlyInstanceOf(InvalidTokenException.class)
                .hasMessageContaining(reason);
    }
}
