import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A DPoP client (RFC 9449) on the JDK alone: an EC P-256 key pair kept in KEYFILE (made at first use), its
 * RFC 7638 thumbprint, and ES256 proofs for GET TOKEN at HTU.
 *
 *   java DpopProof.java KEYFILE                    prints the key's thumbprint, the session's dpop_jkt
 *   java DpopProof.java KEYFILE TOKEN HTU [NONCE]  prints a proof for a refresh of TOKEN at HTU
 */
public class DpopProof {

    public static void main(String[] args) throws Exception {
        KeyPair key = loadOrCreate(Path.of(args[0]));
        String jwk = jwk((ECPublicKey) key.getPublic());
        if (args.length == 1) {
            System.out.println(b64(sha256(jwk)));
            return;
        }
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwk + "}";
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"GET\",\"htu\":\"" + args[2]
                + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"ath\":\"" + b64(sha256(args[1])) + "\""
                + (args.length > 3 ? ",\"nonce\":\"" + args[3] + "\"" : "") + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.getBytes(StandardCharsets.UTF_8));
        // JWS wants the signature as r || s, 32 bytes each: the JDK's "P1363 format"
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(key.getPrivate());
        es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        System.out.println(signingInput + "." + b64(es256.sign()));
    }

    /** The public JWK, its members in the order RFC 7638 hashes them, so that it is also the thumbprint's input. */
    static String jwk(ECPublicKey key) {
        return "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + b64(coordinate(key.getW().getAffineX()))
                + "\",\"y\":\"" + b64(coordinate(key.getW().getAffineY())) + "\"}";
    }

    /** A coordinate as 32 big-endian bytes (RFC 7518 6.2.1.2). */
    static byte[] coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return fixed;
    }

    static KeyPair loadOrCreate(Path file) throws Exception {
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            KeyFactory ec = KeyFactory.getInstance("EC");
            return new KeyPair(ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, List.of(Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(key.getPublic().getEncoded())));
        return key;
    }

    static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
