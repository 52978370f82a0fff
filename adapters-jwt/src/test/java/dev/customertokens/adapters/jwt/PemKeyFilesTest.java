package dev.customertokens.adapters.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customertokens.adapters.jwt.testing.TokenForge;
import dev.customertokens.adapters.jwt.testing.TokenForge.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files of CONTRACT 3 "More configuration": read and checked at start, every problem named with its file. */
class PemKeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsAnRsaPrivateKeyAndDerivesItsPublicHalfAndThumbprint() throws Exception {
        Path file = TokenForge.writePem(dir.resolve("rsa.pem"), Keys.RSA.getPrivate());

        SigningKeyPair pair = PemKeyFiles.readPrivateKey(file, "RS256", null);

        assertThat(pair.publicKey().key()).isEqualTo(Keys.RSA.getPublic());
        assertThat(pair.algorithm()).isEqualTo("RS256");
        RSAPublicKey rsa = (RSAPublicKey) Keys.RSA.getPublic();
        // RFC 7638 section 3: the required members in lexicographic order, no whitespace
        assertThat(pair.kid()).isEqualTo(sha256("{\"e\":\"" + b64(unsigned(rsa.getPublicExponent().toByteArray()))
                + "\",\"kty\":\"RSA\",\"n\":\"" + b64(unsigned(rsa.getModulus().toByteArray())) + "\"}"));
        assertThat(pair.toString()).doesNotContain(Base64.getEncoder().encodeToString(Keys.RSA.getPrivate().getEncoded())
                .substring(0, 40)).contains("hidden");
    }

    @Test
    void readsAnEd25519PrivateKeyAndDerivesItsPublicHalfAndThumbprint() {
        Path file = TokenForge.writePem(dir.resolve("ed.pem"), Keys.ED25519.getPrivate());

        SigningKeyPair pair = PemKeyFiles.readPrivateKey(file, "EdDSA", "ed-2026");

        assertThat(pair.publicKey().key().getEncoded()).isEqualTo(Keys.ED25519.getPublic().getEncoded());
        assertThat(pair.kid()).isEqualTo("ed-2026");
        byte[] x = Arrays.copyOfRange(Keys.ED25519.getPublic().getEncoded(), 12, 44);
        assertThat(PemKeyFiles.readPrivateKey(file, "EdDSA", null).kid())
                .isEqualTo(sha256("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + b64(x) + "\"}"));
    }

    @Test
    void readsRetiredPublicKeysOfEitherFamilyWithTheirAlgorithm() {
        PublicVerificationKey rsa = PemKeyFiles.readPublicKey(TokenForge.writePem(dir.resolve("r.pub"), Keys.RSA.getPublic()),
                "old");
        PublicVerificationKey ed = PemKeyFiles.readPublicKey(TokenForge.writePem(dir.resolve("e.pub"),
                Keys.ED25519.getPublic()), null);

        assertThat(rsa.algorithm()).isEqualTo("RS256");
        assertThat(rsa.kid()).isEqualTo("old");
        assertThat(ed.algorithm()).isEqualTo("EdDSA");
        assertThat(ed.kid()).isEqualTo(PemKeyFiles.readPrivateKey(TokenForge.writePem(dir.resolve("e.pem"),
                Keys.ED25519.getPrivate()), "EdDSA", null).kid());
    }

    @Test
    void refusesAMissingFile() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(missing, "EdDSA", null))
                .isInstanceOf(KeyFileException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void refusesAnUnreadableFile() {
        // a folder where the file should be cannot be read, even by root (who ignores mode 000)
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(dir, "EdDSA", null))
                .isInstanceOf(KeyFileException.class).hasMessageStartingWith(dir + ": cannot be read");
    }

    @Test
    void refusesAKeyOfTheWrongType() {
        Path rsa = TokenForge.writePem(dir.resolve("rsa.pem"), Keys.RSA.getPrivate());
        Path ed = TokenForge.writePem(dir.resolve("ed.pem"), Keys.ED25519.getPrivate());
        Path ec = TokenForge.writePem(dir.resolve("ec.pem"), Keys.EC_P256.getPrivate());
        Path ed448 = TokenForge.writePem(dir.resolve("ed448.pem"), Keys.ED448.getPrivate());

        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(rsa, "EdDSA", null))
                .isInstanceOf(KeyFileException.class).hasMessageStartingWith(rsa + ": ")
                .hasMessageContaining("EdDSA needs an Ed25519 key, not an RSA key");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(ed, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("RS256 needs an RSA key, not an Ed25519 key");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(ec, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessageStartingWith(ec + ": ").hasMessageContaining("EC");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(ed448, "EdDSA", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("Ed448");
        Path ecPublic = TokenForge.writePem(dir.resolve("ec.pub"), Keys.EC_P256.getPublic());
        assertThatThrownBy(() -> PemKeyFiles.readPublicKey(ecPublic, null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("RSA (RS256) or Ed25519 (EdDSA)");
    }

    @Test
    void refusesAnRsaKeyUnder2048Bits() {
        Path weak = TokenForge.writePem(dir.resolve("weak.pem"), Keys.WEAK_RSA.getPrivate());
        Path weakPublic = TokenForge.writePem(dir.resolve("weak.pub"), Keys.WEAK_RSA.getPublic());

        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(weak, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessage(weak + ": the RSA key has 1024 bits; RS256 needs at least 2048");
        assertThatThrownBy(() -> PemKeyFiles.readPublicKey(weakPublic, null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("1024 bits");
    }

    @Test
    void refusesWhatIsNotAnUnencryptedPkcs8PemAndSaysWhatItIs() throws IOException {
        Path publicInstead = TokenForge.writePem(dir.resolve("pub.pem"), Keys.ED25519.getPublic());
        Path pkcs1 = Files.writeString(dir.resolve("pkcs1.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path notBase64 = Files.writeString(dir.resolve("nb64.pem"), "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path privateAsPublic = TokenForge.writePem(dir.resolve("priv-as-pub.pem"), Keys.ED25519.getPrivate());
        Path huge = Files.write(dir.resolve("huge.pem"), new byte[100 * 1024]);

        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(publicInstead, "EdDSA", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("it is a public key");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(pkcs1, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("PKCS#1").hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(encrypted, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(garbage, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessage(garbage + ": not a PKCS#8 private key of a known type");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(notBase64, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(empty, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("no '-----BEGIN PRIVATE KEY-----' block");
        assertThatThrownBy(() -> PemKeyFiles.readPublicKey(privateAsPublic, null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("it is a private key");
        assertThatThrownBy(() -> PemKeyFiles.readPrivateKey(huge, "RS256", null))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("larger than 64 KiB");
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static String sha256(String json) {
        try {
            return b64(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
