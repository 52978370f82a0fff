package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.testing.TokenForge.ORIGIN;
import static dev.customertokens.adapters.jwt.testing.TokenForge.OTHER_SECRET;
import static dev.customertokens.adapters.jwt.testing.TokenForge.PRV;
import static dev.customertokens.adapters.jwt.testing.TokenForge.SECRET;
import static dev.customertokens.adapters.jwt.testing.TokenForge.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.adapters.jwt.testing.TokenForge.Keys;
import dev.customertokens.application.port.out.InvalidTokenException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JwtSettings#builder()}: key material as objects, the same settings and tokens as from strings and files. */
class JwtSettingsBuilderTest {

    private static final String TOO_SHORT = "must be at least 32 bytes long: a shorter HS256 key can be guessed";

    @TempDir
    Path dir;

    private static JwtSettings.Builder builder() {
        return JwtSettings.builder().subjectHash(PRV).trustedIssuers(ORIGIN);
    }

    private static SecretKey secretKey(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static KeyPair keys(String algorithm) {
        return algorithm.equals("RS256") ? Keys.RSA : Keys.ED25519;
    }

    @Test
    void aSecretKeyMakesTheSettingsOfTheJwtSecretString() {
        JwtSettings fromObject = builder().signWith(secretKey(SECRET)).build();

        assertThat(fromObject).isEqualTo(JwtSettings.hs256(SECRET, PRV, Set.of(ORIGIN)));
        assertThat(new JwtTokenCodec(fromObject).sign(claims())).isEqualTo(TokenForge.codec().sign(claims()));
    }

    @Test
    void aSigningSecretWithAnIdAndRetiredSecretsMakeTheSettingsOfTheConstructor() {
        JwtSettings built = builder().signWith(Hs256Secret.of("2025", OTHER_SECRET))
                .acceptAlso(secretKey(SECRET)).acceptAlso(Hs256Secret.of("2024", "y".repeat(32))).build();

        assertThat(built).isEqualTo(new JwtSettings("HS256", List.of(Hs256Secret.of("2025", OTHER_SECRET),
                Hs256Secret.withoutId(SECRET), Hs256Secret.of("2024", "y".repeat(32))), "2025", PRV, Set.of(ORIGIN),
                null, List.of()));
        assertThat(built.signingKey()).isEqualTo(Hs256Secret.of("2025", OTHER_SECRET));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "EdDSA"})
    void aPrivateKeyObjectSignsAndVerifiesExactlyAsItsPemFile(String algorithm) throws InvalidTokenException {
        KeyPair keys = keys(algorithm);
        Path file = TokenForge.writePem(dir.resolve("signing.pem"), keys.getPrivate());
        JwtTokenCodec fromObject = new JwtTokenCodec(builder().signWith(keys.getPrivate()).build());
        JwtTokenCodec fromFile = new JwtTokenCodec(
                builder().signWith(SigningKeyPair.fromPemFile(file, algorithm, null)).build());

        String token = fromObject.sign(claims());

        assertThat(token).isEqualTo(fromFile.sign(claims()));
        assertThat(fromFile.verify(token)).isEqualTo(claims());
        assertThat(fromObject.jwks()).isEqualTo(fromFile.jwks());
        assertThat(TokenForge.headerOf(token).getString("alg")).isEqualTo(algorithm);
    }

    @Test
    void retiredKeysGivenAsObjectsAcceptWhatTheirFilesAndStringsAccept() throws InvalidTokenException {
        String rsaToken = new JwtTokenCodec(builder().signWith(Keys.RSA.getPrivate()).build()).sign(claims());
        String edToken = new JwtTokenCodec(builder().signWith(Keys.OTHER_ED25519.getPrivate()).build())
                .sign(claims());
        String hsToken = TokenForge.codec().sign(claims());
        Path rsaFile = TokenForge.writePem(dir.resolve("rsa.pub"), Keys.RSA.getPublic());
        Path edFile = TokenForge.writePem(dir.resolve("ed.pub"), Keys.OTHER_ED25519.getPublic());

        JwtTokenCodec fromObjects = new JwtTokenCodec(builder().signWith(Keys.ED25519.getPrivate())
                .acceptAlso(Keys.RSA.getPublic()).acceptAlso(Keys.OTHER_ED25519.getPublic())
                .acceptAlso(secretKey(SECRET)).build());
        JwtTokenCodec fromFiles = new JwtTokenCodec(builder().signWith(Keys.ED25519.getPrivate())
                .acceptAlso(PublicVerificationKey.fromPemFile(rsaFile, null))
                .acceptAlso(PublicVerificationKey.fromPemFile(edFile, null))
                .acceptAlso(Hs256Secret.withoutId(SECRET)).build());

        for (String token : List.of(rsaToken, edToken, hsToken)) {
            assertThat(fromObjects.verify(token)).isEqualTo(claims());
            assertThat(fromFiles.verify(token)).isEqualTo(claims());
        }
        assertThat(fromObjects.jwks()).isEqualTo(fromFiles.jwks());
        assertThat(fromObjects.sign(claims())).isEqualTo(fromFiles.sign(claims()));
    }

    @Test
    void theSubjectHashDefaultsToTheSeeds() {
        assertThat(JwtSettings.builder().signWith(secretKey(SECRET)).trustedIssuers(ORIGIN).build().subjectHash())
                .isEqualTo(JwtSettings.DEFAULT_SUBJECT_HASH);
    }

    @Test
    void refusesSettingsWithoutOneSigningKey() {
        assertThatThrownBy(() -> builder().acceptAlso(secretKey(SECRET)).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("no signing key: call signWith");
        assertThatThrownBy(() -> builder().signWith(secretKey(SECRET)).signWith(Keys.ED25519.getPrivate()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("list the others with acceptAlso");
    }

    @Test
    void refusesAShortSecretInTheCommandLinesWords() {
        assertThatThrownBy(() -> builder().signWith(new SecretKeySpec(new byte[31], "HmacSHA256")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the JWT secret (31 bytes) " + TOO_SHORT);
        assertThatThrownBy(() -> builder().acceptAlso(new SecretKeySpec(new byte[16], "AES")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the JWT secret (16 bytes) " + TOO_SHORT);
        String flag = "--jwt-secret (CUSTOMER_TOKENS_JWT_SECRET)";
        assertThatThrownBy(() -> Hs256Secret.requireLongEnough(new byte[31], flag)).hasMessage(flag + " " + TOO_SHORT);
    }

    @Test
    void refusesKeysThatCannotSignOrVerifyWithTheProblemTheirFileWouldShow() {
        assertThatThrownBy(() -> builder().signWith(Keys.WEAK_RSA.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the RSA key has 1024 bits; RS256 needs at least 2048");
        assertThatThrownBy(() -> builder().signWith(Keys.EC_P256.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EdDSA needs an Ed25519 private key, not a key of type EC");
        assertThatThrownBy(() -> builder().acceptAlso(Keys.EC_P256.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a retired key must be RSA (RS256) or Ed25519 (EdDSA), not an EC");
        assertThatThrownBy(() -> builder().acceptAlso(Keys.WEAK_RSA.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024 bits");
    }

    @Test
    void refusesAKeyFileNamingTheFile() {
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> builder().signWith(SigningKeyPair.fromPemFile(missing, "EdDSA", null)))
                .isInstanceOf(KeyFileException.class).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> builder().acceptAlso(PublicVerificationKey.fromPemFile(missing, null)))
                .isInstanceOf(KeyFileException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void refusesWhatTheSettingsRefuseWhenBuilt() {
        assertThatThrownBy(() -> builder().signWith(Hs256Secret.of("a", SECRET)).acceptAlso(Hs256Secret.of("a",
                OTHER_SECRET)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate JWT key id 'a'");
        assertThatThrownBy(() -> builder().signWith(secretKey(SECRET)).subjectHash(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject hash");
        assertThatThrownBy(() -> JwtSettings.builder().signWith(secretKey(SECRET)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trusted issuer origin");
        assertThatThrownBy(() -> builder().signWith(secretKey(SECRET)).trustedIssuers("http://a.example/api").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'http://a.example/api'");
    }

    @Test
    void normalizesTheTrustedIssuersAndTheLastListWins() {
        JwtSettings settings = builder().signWith(secretKey(SECRET)).trustedIssuers("http://ignored.example")
                .trustedIssuers(List.of("HTTP://A.example:80/", "https://b.example:8443")).build();

        assertThat(settings.trustedIssuerOrigins()).containsExactlyInAnyOrder("http://a.example",
                "https://b.example:8443");
    }
}
