package dev.customertokens.adapters.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM key files that {@code openssl genpkey} and {@code openssl pkey -pubout} write: an unencrypted PKCS#8
 * private key ({@code -----BEGIN PRIVATE KEY-----}) and an X.509 SubjectPublicKeyInfo public key
 * ({@code -----BEGIN PUBLIC KEY-----}). Every problem is a {@link KeyFileException} naming the file, never a stack
 * trace for the operator to decipher.
 */
final class PemKeyFiles {

    /** Far above any RSA or Ed25519 PEM file (an 8192-bit private key is about 6.5 KB). */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    /** Tried in turn to name the type of a key we cannot use; the first two are the ones we can. */
    private static final List<String> KEY_TYPES = List.of("RSA", "Ed25519", "EC", "Ed448", "X25519", "X448", "DSA",
            "RSASSA-PSS");

    private PemKeyFiles() {
    }

    /**
     * The signing key of {@code algorithm} ({@code RS256}: RSA of at least 2048 bits; {@code EdDSA}: Ed25519).
     *
     * @param kid the key id, or {@code null} for the key's RFC 7638 thumbprint
     */
    static SigningKeyPair readPrivateKey(Path file, String algorithm, String kid) {
        byte[] der = pem(file, "PRIVATE KEY");
        PrivateKey privateKey = null;
        String type = null;
        for (String candidate : KEY_TYPES) {
            try {
                privateKey = KeyFactory.getInstance(candidate).generatePrivate(new PKCS8EncodedKeySpec(der));
                type = candidate;
                break;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this type; try the next
            }
        }
        if (privateKey == null) {
            throw new KeyFileException(file, "not a PKCS#8 private key of a known type");
        }
        try {
            return SigningKeyPair.derive(algorithm, kid, privateKey, type);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, e.getMessage());
        }
    }

    /**
     * A retired public key; its algorithm follows from its type (RSA: {@code RS256}, Ed25519: {@code EdDSA}).
     *
     * @param kid the key id, or {@code null} for the key's RFC 7638 thumbprint
     */
    static PublicVerificationKey readPublicKey(Path file, String kid) {
        byte[] der = pem(file, "PUBLIC KEY");
        for (String candidate : KEY_TYPES) {
            PublicKey key;
            try {
                key = KeyFactory.getInstance(candidate).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                continue;
            }
            if (!candidate.equals("RSA") && !candidate.equals("Ed25519")) {
                throw new KeyFileException(file, PublicVerificationKey.notRetirable(key));
            }
            try {
                return PublicVerificationKey.of(kid, key);
            } catch (IllegalArgumentException e) {
                throw new KeyFileException(file, e.getMessage());
            }
        }
        throw new KeyFileException(file, "not an X.509 SubjectPublicKeyInfo public key of a known type");
    }

    /** The DER bytes of the one PEM block of {@code label} in the file. */
    private static byte[] pem(Path file, String label) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new KeyFileException(file, "larger than " + MAX_FILE_BYTES / 1024 + " KiB; not a key file");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new KeyFileException(file, "no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new KeyFileException(file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot be read: " + e.getMessage());
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new KeyFileException(file, "no '" + begin + "' block; " + whatItIs(text, label));
        }
        try {
            return Base64.getDecoder().decode(text.substring(from + begin.length(), to).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "the " + label + " block is not base64");
        }
    }

    private static String whatItIs(String text, String wanted) {
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            return "it is a PKCS#1 RSA key; convert it with 'openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW'";
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return "it is encrypted; decrypt it with 'openssl pkey -in OLD -out NEW'";
        }
        if (wanted.equals("PRIVATE KEY") && text.contains("-----BEGIN PUBLIC KEY-----")) {
            return "it is a public key, and signing needs the private key";
        }
        if (wanted.equals("PUBLIC KEY") && text.contains("PRIVATE KEY-----")) {
            return "it is a private key; give the public key ('openssl pkey -in KEY -pubout') so that no "
                    + "retired private key need be kept";
        }
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            return "it is a certificate; give the key itself";
        }
        return "expected a PEM file as openssl writes it";
    }
}
