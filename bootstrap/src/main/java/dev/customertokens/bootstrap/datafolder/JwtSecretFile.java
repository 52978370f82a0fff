package dev.customertokens.bootstrap.datafolder;

import dev.customertokens.adapters.jwt.Hs256Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The JWT secret used when none is configured: generated at first start and kept in the data folder
 * (mode 600), so that every command and every restart signs and verifies with the same key.
 */
public final class JwtSecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(JwtSecretFile.class);
    public static final String FILE_NAME = "jwt-secret";

    private JwtSecretFile() {
    }

    /**
     * @throws UncheckedIOException     when the file cannot be read or created
     * @throws IllegalArgumentException when the file holds a secret too short to use
     */
    public static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            String secret = DataFolder.readOrCreateSecret(dataDir, FILE_NAME, () -> LOG.warn(
                    "No JWT secret configured (CUSTOMER_TOKENS_JWT_SECRET): generated one and kept it in {}. "
                    + "Configure your own to share it between machines and to keep it out of the data folder.", file));
            Hs256Secret.requireLongEnough(secret.getBytes(StandardCharsets.UTF_8), "the secret in " + file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret at " + file + ": " + e.getMessage(), e);
        }
    }
}
