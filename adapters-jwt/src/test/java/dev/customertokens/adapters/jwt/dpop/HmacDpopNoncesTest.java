package dev.customertokens.adapters.jwt.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.SigningKeyPair;
import dev.customertokens.adapters.jwt.testing.TokenForge;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server nonces (CONTRACT 2.7): acceptable for at least 60 s and at most 5 minutes, the same on every node with the
 * same signing key, nothing stored, and nothing but a yes or no for whatever a client sends.
 */
class HmacDpopNoncesTest {

    /** The start of a minute: nonces are made per time step, so tests issue at every offset within one. */
    private static final Instant STEP_START = Instant.parse("2026-03-01T10:00:00Z");

    private final HmacDpopNonces nonces = HmacDpopNonces.derivedFrom(TokenForge.settings());

    @ParameterizedTest(name = "issued {0} s into a minute")
    @ValueSource(ints = {0, 1, 29, 58, 59})
    void aNonceIsAcceptedForAtLeastAMinuteAndNeverPastFiveMinutes(int offsetSeconds) {
        Instant issued = STEP_START.plusSeconds(offsetSeconds).plusMillis(999);
        String nonce = nonces.issue(issued);

        assertThat(nonces.accepts(nonce, issued)).isTrue();
        assertThat(nonces.accepts(nonce, issued.plusSeconds(30))).isTrue();
        assertThat(nonces.accepts(nonce, issued.plusSeconds(60))).isTrue();
        assertThat(nonces.accepts(nonce, issued.plus(Duration.ofMinutes(5)))).isFalse();
        assertThat(nonces.accepts(nonce, issued.plus(Duration.ofHours(5)))).isFalse();
    }

    @Test
    void everyNodeWithTheSameSigningKeyIssuesAndAcceptsTheSameNonces() {
        HmacDpopNonces otherNode = HmacDpopNonces.derivedFrom(TokenForge.settings());

        assertThat(otherNode.issue(STEP_START)).isEqualTo(nonces.issue(STEP_START));
        assertThat(otherNode.accepts(nonces.issue(STEP_START.plusSeconds(30)), STEP_START.plusSeconds(75))).isTrue();
    }

    @Test
    void aNodeWhoseClockIsAFewSecondsBehindAcceptsANonceOfTheNextMinute() {
        Instant aheadClock = STEP_START.plusSeconds(2);

        assertThat(nonces.accepts(nonces.issue(aheadClock), STEP_START.minusSeconds(3))).isTrue();
    }

    @Test
    void anotherSigningKeyMakesOtherNonces() {
        HmacDpopNonces otherService = HmacDpopNonces.derivedFrom(JwtSettings.hs256(TokenForge.OTHER_SECRET,
                TokenForge.PRV, Set.of(TokenForge.ORIGIN)));

        assertThat(otherService.accepts(nonces.issue(STEP_START), STEP_START)).isFalse();
    }

    @Test
    void anAsymmetricSigningKeyDerivesNoncesToo() {
        PrivateKey ed25519 = TokenForge.Keys.ED25519.getPrivate();
        HmacDpopNonces one = HmacDpopNonces.derivedFrom(JwtSettings.builder().signWith(SigningKeyPair.of(null, ed25519))
                .trustedIssuers(TokenForge.ORIGIN).build());
        HmacDpopNonces two = HmacDpopNonces.derivedFrom(JwtSettings.builder().signWith(SigningKeyPair.of(null, ed25519))
                .trustedIssuers(TokenForge.ORIGIN).build());

        assertThat(two.accepts(one.issue(STEP_START), STEP_START)).isTrue();
        assertThat(nonces.accepts(one.issue(STEP_START), STEP_START)).isFalse();
    }

    @Test
    void aNonceIsHeaderSafeAndDoesNotShowTheTime() {
        String nonce = nonces.issue(STEP_START);

        assertThat(nonce).matches("[A-Za-z0-9_-]{43}");
        assertThat(nonces.issue(STEP_START.plusSeconds(60))).isNotEqualTo(nonce);
    }

    @Test
    void whateverAClientSendsIsAnsweredYesOrNo() {
        for (String sent : new String[] {null, "", " ", "x", "=".repeat(10_000), nonces.issue(STEP_START) + "A",
                nonces.issue(STEP_START).substring(1), "\u0000\uffff"}) {
            assertThat(nonces.accepts(sent, STEP_START)).as("%s", sent).isFalse();
        }
    }
}
