package dev.customertokens.adapters.jwt;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import static dev.customertokens.adapters.jwt.testing.TokenForge.ORIGIN;
import static dev.customertokens.adapters.jwt.testing.TokenForge.PRV;
import static dev.customertokens.adapters.jwt.testing.TokenForge.claims;
import static dev.customertokens.adapters.jwt.testing.TokenForge.json;
import static dev.customertokens.adapters.jwt.testing.TokenForge.rawClaims;
import static dev.customertokens.adapters.jwt.testing.TokenForge.signed;
import static dev.customertokens.adapters.jwt.testing.TokenForge.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customertokens.application.port.out.InvalidTokenException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several keys at once, so that a signing key can be replaced without logging anyone out (CONTRACT 2.1). */
class KeyRotationTest {

    private static final String OLD = "old-secret-old-secret-old-secret-0001";
    private static final String NEW = "new-secret-new-secret-new-secret-0002";
    private static final String NEWER = "newer-secret-newer-secret-newer-0003";

    private static JwtTokenCodec codec(String signingKeyId, Hs256Secret... keys) {
        return new JwtTokenCodec(new JwtSettings("HS256", List.of(keys), signingKeyId, PRV, Set.of(ORIGIN), null,
                List.of()));
    }

    private static String header(String token) {
        return new String(unb64(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    @Test
    void aTokenOfTheOldKeyVerifiesWhileTheOldKeyIsListedAndNotOnceItIsRemoved() throws InvalidTokenException {
        String oldToken = codec("2024", Hs256Secret.of("2024", OLD)).sign(claims());

        JwtTokenCodec duringRotation = codec("2025", Hs256Secret.of("2025", NEW), Hs256Secret.of("2024", OLD));
        String newToken = duringRotation.sign(claims());
        assertThat(duringRotation.verify(oldToken)).isEqualTo(claims());
        assertThat(duringRotation.verify(newToken)).isEqualTo(claims());

        JwtTokenCodec afterRotation = codec("2025", Hs256Secret.of("2025", NEW));
        assertThat(afterRotation.verify(newToken)).isEqualTo(claims());
        assertThatThrownBy(() -> afterRotation.verify(oldToken))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("unknown kid");
    }

    @Test
    void aSigningKeyWithAnIdPutsItInTheHeader() {
        assertThat(header(codec("2025", Hs256Secret.of("2025", NEW), Hs256Secret.of("2024", OLD)).sign(claims())))
                .isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"2025\"}");
        assertThat(header(codec(null, Hs256Secret.withoutId(OLD), Hs256Secret.of("2025", NEW)).sign(claims())))
                .isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    }

    @Test
    void aSingleJwtSecretWithoutIdCanBeRotatedToAKeyWithAnId() throws InvalidTokenException {
        String oldToken = codec(null, Hs256Secret.withoutId(OLD)).sign(claims());

        JwtTokenCodec duringRotation = codec("2025", Hs256Secret.of("2025", NEW), Hs256Secret.withoutId(OLD));
        String newToken = duringRotation.sign(claims());
        assertThat(duringRotation.verify(oldToken)).isEqualTo(claims());
        assertThat(duringRotation.verify(newToken)).isEqualTo(claims());

        JwtTokenCodec afterRotation = codec("2025", Hs256Secret.of("2025", NEW));
        assertThat(afterRotation.verify(newToken)).isEqualTo(claims());
        assertThatThrownBy(() -> afterRotation.verify(oldToken))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("no kid");
    }

    @Test
    void aTokenWithoutKidIsNeverTriedAgainstKeysWithAnId() {
        // Signed with the "2025" key's secret, but without naming it.
        String unnamed = signed("{\"typ\":\"JWT\",\"alg\":\"HS256\"}", json(rawClaims()), "HS256", NEW);

        assertThatThrownBy(() -> codec("2025", Hs256Secret.of("2025", NEW)).verify(unnamed))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("no kid");
        assertThatThrownBy(() -> codec("2025", Hs256Secret.of("2025", NEW), Hs256Secret.withoutId(OLD)).verify(unnamed))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void aTokenWithKidIsOnlyTriedAgainstThatKey() {
        // Names "2024" but is signed with the "2025" secret, which is listed too.
        String misnamed = signed("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"2024\"}", json(rawClaims()), "HS256",
                NEW);

        assertThatThrownBy(() -> codec("2025", Hs256Secret.of("2025", NEW), Hs256Secret.of("2024", OLD)).verify(misnamed))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void keysWithoutIdAreAllTriedAndTheFirstOfThemSigns() throws InvalidTokenException {
        JwtTokenCodec codec = codec(null, Hs256Secret.withoutId(NEWER), Hs256Secret.withoutId(NEW), Hs256Secret.withoutId(OLD));
        String byOld = codec(null, Hs256Secret.withoutId(OLD)).sign(claims());
        String byNew = codec(null, Hs256Secret.withoutId(NEW)).sign(claims());
        String byCodec = codec.sign(claims());

        assertThat(codec.verify(byOld)).isEqualTo(claims());
        assertThat(codec.verify(byNew)).isEqualTo(claims());
        assertThat(codec(null, Hs256Secret.withoutId(NEWER)).verify(byCodec)).isEqualTo(claims());
        assertThatThrownBy(() -> codec(null, Hs256Secret.withoutId(NEW)).verify(byCodec))
                .isInstanceOf(InvalidTokenException.class);
    }
}
