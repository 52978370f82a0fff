package dev.customertokens.adapters.jwt;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import static dev.customertokens.adapters.jwt.testing.TokenForge.ORIGIN;
import static dev.customertokens.adapters.jwt.testing.TokenForge.PRV;
import static dev.customertokens.adapters.jwt.testing.TokenForge.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtSettingsTest {

    private static JwtSettings settings(String algorithm, List<Hs256Secret> keys, String signingKeyId) {
        return new JwtSettings(algorithm, keys, signingKeyId, PRV, Set.of(ORIGIN), null, List.of());
    }

    @Test
    void refusesASecretUnder32BytesSayingSo() {
        assertThatThrownBy(() -> Hs256Secret.withoutId("x".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 bytes").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> JwtSettings.hs256("short", PRV, Set.of(ORIGIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
    }

    @Test
    void countsTheSecretsUtf8BytesNotItsCharacters() {
        assertThat(Hs256Secret.withoutId("\u00e9".repeat(16)).secret()).hasSize(32);
        assertThat(Hs256Secret.withoutId("x".repeat(32)).secret())
                .isEqualTo("x".repeat(32).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void neverShowsTheSecretAndKeepsItsOwnCopy() {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        Hs256Secret key = new Hs256Secret("k1", secret);
        secret[0] = 'X';
        key.secret()[1] = 'Y';

        assertThat(key.toString()).doesNotContain(SECRET).doesNotContain("0123");
        assertThat(key.secret()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(key).isEqualTo(Hs256Secret.of("k1", SECRET));
    }

    @Test
    void defaultsToHs256() {
        assertThat(settings(null, List.of(Hs256Secret.withoutId(SECRET)), null).algorithm()).isEqualTo("HS256");
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"none", "hs256", "HS384", "HS512", "ES256", "eddsa", "Ed25519", "HS1", ""})
    void refusesAlgorithmsOtherThanTheThreeOffered(String algorithm) {
        assertThatThrownBy(() -> settings(algorithm, List.of(Hs256Secret.withoutId(SECRET)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HS256, RS256, EdDSA");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"RS256", "EdDSA"})
    void anAsymmetricAlgorithmNeedsAPrivateKey(String algorithm) {
        assertThatThrownBy(() -> settings(algorithm, List.of(Hs256Secret.withoutId(SECRET)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(algorithm + " needs a private signing key");
    }

    @Test
    void refusesInconsistentKeys() {
        assertThatThrownBy(() -> settings(null, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> settings(null, List.of(Hs256Secret.of("a", SECRET), Hs256Secret.of("a", SECRET)), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> settings(null, List.of(Hs256Secret.of("a", SECRET)), "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
        assertThatThrownBy(() -> settings(null, List.of(Hs256Secret.of("a", SECRET)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every key has an id");
        assertThatThrownBy(() -> Hs256Secret.of("", SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void picksTheSigningKey() {
        Hs256Secret first = Hs256Secret.withoutId(SECRET);
        Hs256Secret named = Hs256Secret.of("a", TokenForge.OTHER_SECRET);

        assertThat(settings(null, List.of(named, first, Hs256Secret.withoutId("y".repeat(32))), null).signingKey())
                .isEqualTo(first);
        assertThat(settings(null, List.of(first, named), "a").signingKey()).isEqualTo(named);
    }

    @Test
    void requiresASubjectHashAndTrustedOriginsAndNormalizesTheOrigins() {
        List<Hs256Secret> keys = List.of(Hs256Secret.withoutId(SECRET));
        assertThatThrownBy(() -> new JwtSettings(null, keys, null, " ", Set.of(ORIGIN), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject hash");
        assertThatThrownBy(() -> new JwtSettings(null, keys, null, PRV, Set.of(), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trusted issuer origin");
        assertThatThrownBy(() -> new JwtSettings(null, keys, null, PRV, Set.of("http://a.example/api"), null,
                List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://a.example/api");

        assertThat(new JwtSettings(null, keys, null, PRV,
                Set.of("HTTP://A.example:80/", "https://b.example:8443"), null, List.of()).trustedIssuerOrigins())
                .containsExactlyInAnyOrder("http://a.example", "https://b.example:8443");
    }
}
