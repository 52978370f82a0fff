package dev.customertokens.adapters.jwt;

import static dev.customertokens.adapters.jwt.testing.TokenForge.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.adapters.jwt.testing.TokenForge.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys given as JDK objects (issue 20): the same keys as from strings and PEM files, refused with the words the
 * command line uses for the same key in a file.
 */
class KeyMaterialTest {

    @TempDir
    Path dir;

    @Test
    void aSecretKeyIsItsBytes() {
        SecretKey key = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");

        assertThat(Hs256Secret.of("k1", key)).isEqualTo(Hs256Secret.of("k1", SECRET));
        assertThat(Hs256Secret.of(null, key)).isEqualTo(Hs256Secret.withoutId(SECRET));
    }

    @Test
    void aShortSecretIsRefusedInTheCommandLinesWordsWhateverItCameFrom() {
        String rule = "must be at least 32 bytes long: a shorter HS256 key can be guessed";

        assertThatThrownBy(() -> Hs256Secret.of(null, new SecretKeySpec(new byte[31], "HmacSHA256")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the JWT secret (31 bytes) " + rule);
        assertThatThrownBy(() -> Hs256Secret.of("k1", "x".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the JWT secret of key 'k1' (31 bytes) " + rule);
        assertThatThrownBy(() -> Hs256Secret.requireLongEnough(new byte[31], "--jwt-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--jwt-secret " + rule);
    }

    @Test
    void aSecretKeyThatHidesItsBytesIsRefused() {
        SecretKey hidden = new SecretKeySpec(new byte[32], "HmacSHA256") {
            @Override
            public byte[] getEncoded() {
                return null;
            }
        };

        assertThatThrownBy(() -> Hs256Secret.of(null, hidden))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("getEncoded() is null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "EdDSA"})
    void aPrivateKeyAloneGivesThePairThePemFileGives(String algorithm) {
        KeyPair keys = algorithm.equals("RS256") ? Keys.RSA : Keys.ED25519;
        Path file = TokenForge.writePem(dir.resolve("signing.pem"), keys.getPrivate());

        SigningKeyPair fromObject = SigningKeyPair.of(null, keys.getPrivate());
        SigningKeyPair fromFile = SigningKeyPair.fromPemFile(file, algorithm, null);

        assertThat(fromObject.algorithm()).isEqualTo(algorithm);
        assertThat(fromObject.kid()).isEqualTo(fromFile.kid());
        assertThat(fromObject.publicKey().key().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(fromObject.publicKey()).isEqualTo(fromFile.publicKey());
        assertThat(SigningKeyPair.of("k1", keys.getPrivate(), keys.getPublic()).kid()).isEqualTo("k1");
    }

    @Test
    void aPrivateKeyThatCannotSignIsRefusedAsItsPemFileIs() {
        assertSameProblemAsFile(Keys.WEAK_RSA.getPrivate(), "RS256",
                "the RSA key has 1024 bits; RS256 needs at least 2048");
        assertSameProblemAsFile(Keys.EC_P256.getPrivate(), "EdDSA",
                "EdDSA needs an Ed25519 private key, not a key of type EC");
        assertSameProblemAsFile(Keys.ED448.getPrivate(), "EdDSA",
                "EdDSA needs an Ed25519 private key, not a key of type Ed448");
    }

    @Test
    void halvesThatDoNotBelongTogetherAreRefused() {
        assertThatThrownBy(() -> SigningKeyPair.of(null, Keys.ED25519.getPrivate(), Keys.OTHER_ED25519.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> SigningKeyPair.of(null, Keys.RSA.getPrivate(), Keys.ED25519.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    }

    @Test
    void aRetiredPublicKeyIsTheKeyItsPemFileHolds() {
        Path rsa = TokenForge.writePem(dir.resolve("rsa.pub"), Keys.RSA.getPublic());
        Path ed = TokenForge.writePem(dir.resolve("ed.pub"), Keys.ED25519.getPublic());

        assertThat(PublicVerificationKey.retired("old", Keys.RSA.getPublic()))
                .isEqualTo(PublicVerificationKey.fromPemFile(rsa, "old"));
        assertThat(PublicVerificationKey.retired(null, Keys.ED25519.getPublic()))
                .isEqualTo(PublicVerificationKey.fromPemFile(ed, null));
    }

    @Test
    void aRetiredPublicKeyOfAnotherTypeIsRefusedAsItsPemFileIs() {
        for (PublicKey key : new PublicKey[] {Keys.EC_P256.getPublic(), Keys.ED448.getPublic()}) {
            Path file = TokenForge.writePem(dir.resolve("other.pub"), key);
            String problem = fileProblem(() -> PublicVerificationKey.fromPemFile(file, null), file);

            assertThat(problem).startsWith("a retired key must be RSA (RS256) or Ed25519 (EdDSA), not ");
            assertThatThrownBy(() -> PublicVerificationKey.retired(null, key))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(problem);
        }
        Path weak = TokenForge.writePem(dir.resolve("weak.pub"), Keys.WEAK_RSA.getPublic());
        assertThatThrownBy(() -> PublicVerificationKey.retired(null, Keys.WEAK_RSA.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(fileProblem(() -> PublicVerificationKey.fromPemFile(weak, null), weak));
    }

    private void assertSameProblemAsFile(PrivateKey key, String algorithm, String problem) {
        Path file = TokenForge.writePem(dir.resolve("key.pem"), key);

        assertThat(fileProblem(() -> SigningKeyPair.fromPemFile(file, algorithm, null), file)).isEqualTo(problem);
        assertThatThrownBy(() -> SigningKeyPair.of(null, key))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(problem);
    }

    /** The problem a {@link KeyFileException} names after its file, as the command line prints it after its flag. */
    private static String fileProblem(Runnable read, Path file) {
        try {
            read.run();
        } catch (KeyFileException e) {
            assertThat(e.getMessage()).startsWith(file + ": ");
            return e.getMessage().substring((file + ": ").length());
        }
        throw new AssertionError("no KeyFileException for " + file);
    }
}
