package dev.customertokens.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The JWT secret used when none is configured: generated at first start and kept in the data folder
 * (mode 600), so that every command and every restart signs and verifies with the same key.
 */
final class JwtSecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(JwtSecretFile.class);
    static final String FILE_NAME = "jwt-secret";

    private JwtSecretFile() {
    }

    static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            Settings.requireLongEnough(secret, "the secret in " + file);
            return secret;
        } catch (IOException e) {
            throw new ConfigurationException("cannot read or create the JWT secret at " + file + ": " + e.getMessage());
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path draft = Files.createTempFile(file.getParent(), FILE_NAME, ".draft",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(draft, secret + "\n", StandardCharsets.UTF_8);
            // A hard link appears whole or not at all and never replaces: when two of our processes start
            // at once, both end up with the first one's secret, and neither reads a half-written file.
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException e) {
            return;
        } finally {
            Files.deleteIfExists(draft);
        }
        LOG.warn("No JWT secret configured (CUSTOMER_TOKENS_JWT_SECRET): generated one and kept it in {}. "
                + "Configure your own to share it between machines and to keep it out of the data folder.", file);
    }
}
