package dev.customertokens.bootstrap.cli;

import dev.customertokens.adapters.jwt.IssuerOrigins;
import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.bootstrap.CustomerTokensBuilder;
import dev.customertokens.bootstrap.CustomerTokensSettings;
import dev.customertokens.bootstrap.SigningKeys;
import dev.customertokens.bootstrap.datafolder.DataFolder;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What {@code serve} accepts, recorded in its data folder ({@value #FILE_NAME}, mode 600) when it starts, so that
 * {@code tokens issue} run beside it without repeating its flags issues tokens it accepts (CONTRACT 3): the public
 * URL and trusted issuers, the subject hash, the lifetimes, the algorithm and key file, and a check value of the
 * signing key. Never a secret: the check value of an HS256 secret is an HMAC of a fixed text under it, which tells
 * nothing that any token it signed does not already tell.
 *
 * <p>A setting the command is given (flag or environment) wins over the recorded one; one that contradicts what
 * {@code serve} accepts is refused with a message saying why.
 */
final class ServeSettingsFile {

    static final String FILE_NAME = "serve-settings.json";
    private static final String KEY_CHECK_TEXT = "customer-tokens signing key check";

    private ServeSettingsFile() {
    }

    /** Written by {@code serve} once it listens; replaces the file whole (never half written). */
    static void record(CustomerTokensSettings settings) {
        SigningKeys keys = settings.keys();
        JsonObject recorded = new JsonObject()
                .put("database", DatabaseSettings.withoutCredentials(settings.database().jdbcUrl()))
                .put("public_url", settings.tokens().publicBaseUrl())
                .put("trusted_issuers", new JsonArray(new ArrayList<>(settings.trustedIssuerOrigins())))
                .put("subject_hash", settings.tokens().subjectHash())
                .put("ttl_minutes", settings.tokens().policy().ttlMinutes())
                .put("refresh_ttl_minutes", settings.tokens().policy().refreshTtlMinutes())
                .put("jwt_algorithm", keys.algorithm())
                .put("jwt_private_key_file", keys.privateKeyFile() == null ? null : keys.privateKeyFile().toString())
                .put("jwt_key_id", keys.keyId())
                .put("signing_key_check", signingKeyCheck(keys));
        Path dir = settings.dataFolder();
        try {
            DataFolder.prepare(dir);
            Path draft = Files.createTempFile(dir, FILE_NAME, ".draft",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(draft, recorded.encodePrettily() + "\n", StandardCharsets.UTF_8);
                Files.move(draft, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot record the service's settings in " + dir.resolve(FILE_NAME) + ": "
                    + e.getMessage());
        }
    }

    /**
     * Completes {@code options} with what the {@code serve} of the same data folder and database accepts, and refuses
     * options that contradict it. Without a record, on the embedded database the defaults apply (no {@code serve} has
     * run here); on any other database the command must be told the service's public URL, or it refuses.
     *
     * @return the record applied, if any, to check the signing key against once it is resolved
     * @throws ConfigurationException when the command would issue tokens the service rejects
     */
    static Optional<JsonObject> complete(ConfigOptions options) {
        Path dataDir = options.dataDir.toAbsolutePath().normalize();
        boolean embedded = options.dbUrl == null || options.dbUrl.isBlank();
        String database = DatabaseSettings.withoutCredentials(embedded ? CustomerTokensBuilder.embeddedUrl(dataDir)
                : options.dbUrl.strip());
        Path file = dataDir.resolve(FILE_NAME);
        Optional<JsonObject> recorded = read(file).filter(r -> database.equals(r.getString("database")));
        if (recorded.isEmpty()) {
            if (!embedded && (options.publicUrl == null || options.publicUrl.isBlank())) {
                throw new ConfigurationException("no serve has recorded its settings for this database in " + file
                        + ", so this command cannot know the issuer the service trusts; give it the service's "
                        + "--public-url (CUSTOMER_TOKENS_PUBLIC_URL) and the same keys, subject hash and lifetimes");
            }
            return Optional.empty();
        }
        JsonObject serve = recorded.get();
        String where = " (serve recorded its settings in " + file + ")";
        List<String> trusted = serve.getJsonArray("trusted_issuers", new JsonArray()).stream().map(String::valueOf).toList();
        if (options.publicUrl == null || options.publicUrl.isBlank()) {
            options.publicUrl = serve.getString("public_url");
        } else {
            String origin = IssuerOrigins.originOf(options.publicUrl.strip()).orElseThrow(() -> new ConfigurationException(
                    "--public-url must be an http(s) URL, not '" + options.publicUrl + "'"));
            if (!trusted.contains(origin)) {
                throw new ConfigurationException("--public-url " + options.publicUrl + " names an issuer the service does "
                        + "not trust (it trusts " + String.join(", ", trusted) + ")" + where);
            }
        }
        if (options.trustedIssuers.isEmpty()) {
            options.trustedIssuers = new ArrayList<>(trusted);
        }
        options.subjectHash = agree(options.subjectHash, serve.getString("subject_hash"), "--subject-hash", where);
        options.jwtAlgorithm = agree(options.jwtAlgorithm == null ? null : JwtSettings.ALGORITHMS.stream()
                        .filter(a -> a.equalsIgnoreCase(options.jwtAlgorithm.strip())).findFirst().orElse(options.jwtAlgorithm),
                serve.getString("jwt_algorithm"), "--jwt-algorithm", where);
        if (options.ttlMinutes == null) {
            options.ttlMinutes = serve.getLong("ttl_minutes");
        }
        if (options.refreshTtlMinutes == null) {
            options.refreshTtlMinutes = serve.getLong("refresh_ttl_minutes");
        }
        if (options.jwtPrivateKeyFile == null && serve.getString("jwt_private_key_file") != null) {
            options.jwtPrivateKeyFile = Path.of(serve.getString("jwt_private_key_file"));
        }
        if (options.jwtKeyId == null) {
            options.jwtKeyId = serve.getString("jwt_key_id");
        }
        return recorded;
    }

    /** Refuses a resolved signing key that is not the one {@code serve} signs and verifies with. */
    static void checkSigningKey(JsonObject serve, CustomerTokensSettings settings) {
        if (!signingKeyCheck(settings.keys()).equals(serve.getString("signing_key_check"))) {
            throw new ConfigurationException("this command's signing key is not the one the service uses, so the service "
                    + "would reject its tokens; give it the same " + (settings.keys().asymmetric()
                    ? "--jwt-private-key-file" : "--jwt-secret (CUSTOMER_TOKENS_JWT_SECRET), or none to use the one in the data folder")
                    + " (serve recorded its settings in " + settings.dataFolder().resolve(FILE_NAME) + ")");
        }
    }

    private static String agree(String given, String recorded, String flag, String where) {
        if (given == null) {
            return recorded;
        }
        if (recorded != null && !recorded.equals(given.strip())) {
            throw new ConfigurationException(flag + " " + given + " differs from the service's " + recorded
                    + ", so the service would reject the tokens" + where);
        }
        return given;
    }

    private static Optional<JsonObject> read(Path file) {
        try {
            return Optional.of(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DecodeException e) {
            throw new ConfigurationException("cannot read " + file + " (the settings serve recorded): " + e.getMessage()
                    + "; start serve again to rewrite it, or delete it");
        }
    }

    /** An HMAC of a fixed text under the HS256 secret; the SHA-256 of the public key of an RS256/EdDSA key. */
    static String signingKeyCheck(SigningKeys keys) {
        try {
            byte[] check;
            if (keys.asymmetric()) {
                check = MessageDigest.getInstance("SHA-256").digest(keys.signingKeyPair().publicKey().key().getEncoded());
            } else {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keys.secret().secret(), "HmacSHA256"));
                check = mac.doFinal(KEY_CHECK_TEXT.getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(check, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256 and HmacSHA256", e);
        }
    }
}
