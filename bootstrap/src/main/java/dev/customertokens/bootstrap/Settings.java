package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.Hs256Secret;
import dev.customertokens.adapters.jwt.IssuerOrigins;
import dev.customertokens.adapters.jwt.JwtSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The resolved, validated configuration (CONTRACT section 3): every default applied, every value checked
 * once at start so that a mistake is refused with a clear message rather than found by a client.
 */
public record Settings(
        String host,
        int port,
        Path dataDir,
        String dbUrl,
        boolean embeddedDefaultDatabase,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String jwtSecret,
        String jwtKeyId,
        List<RetiredKey> retiredKeys,
        String subjectHash,
        String publicUrl,
        Duration ttl,
        Duration refreshTtl,
        Duration grace,
        Duration leeway,
        Set<String> trustedIssuerOrigins,
        Set<Integer> apiVersions,
        String jwtAlgorithm,
        Path jwtPrivateKeyFile,
        List<RetiredPublicKeyFile> retiredPublicKeyFiles,

        Operations operations) {

    /**
     * How the service is operated (CONTRACT 3 "More configuration", 4.4, 4.5, 4.7).
     *
     * @param managementPort    -1 when the management listener is off, 0 for a free port
     * @param purgeInterval     zero when housekeeping is off
     * @param logFormat         {@code text} or {@code json}
     * @param maxQueuedRequests requests that may wait for a database worker beyond those running
     * @param queueDeadline     the longest a request may wait for a worker before it answers 503
     * @param adminToken        the bearer token of the admin API (CONTRACT 5), or null when it is off
     */
    public record Operations(String managementHost, int managementPort, Duration retention, Duration purgeInterval,
                             Duration shutdownGrace, String logFormat, int maxQueuedRequests, Duration queueDeadline,
                             String adminToken) {

        public static final int MANAGEMENT_OFF = -1;

        /** Never shows the admin token. */
        @Override
        public String toString() {
            return "Operations[managementHost=" + managementHost + ", managementPort=" + managementPort + ", retention="
                    + retention + ", purgeInterval=" + purgeInterval + ", shutdownGrace=" + shutdownGrace + ", logFormat="
                    + logFormat + ", maxQueuedRequests=" + maxQueuedRequests + ", queueDeadline=" + queueDeadline
                    + ", adminToken=" + mask(adminToken) + "]";
        }

        public boolean managementEnabled() {
            return managementPort != MANAGEMENT_OFF;
        }

        public boolean housekeepingEnabled() {
            return !purgeInterval.isZero();
        }
    }

    /** A key no longer used for signing but still accepted, so that rotating the signing key logs nobody out. */
    public record RetiredKey(String kid, String secret) {
        /** Never shows the secret. */
        @Override
        public String toString() {
            return "RetiredKey[kid=" + kid + ", secret=***]";
        }
    }

    /**
     * A retired RS256 or EdDSA public key still accepted for verification (CONTRACT 3 "More configuration").
     *
     * @param kid  the key id, or {@code null} for the key's RFC 7638 thumbprint
     * @param file a PEM file of the public key (X.509 SubjectPublicKeyInfo)
     */
    public record RetiredPublicKeyFile(String kid, Path file) {
        public RetiredPublicKeyFile {
            Objects.requireNonNull(file, "file");
        }
    }

    static final long DEFAULT_TTL_MINUTES = 1440;
    static final long DEFAULT_REFRESH_TTL_MINUTES = 2_628_000;

    static final int MINIMUM_ADMIN_TOKEN_CHARACTERS = 32;

    public Settings {
        Objects.requireNonNull(dataDir, "dataDir");
        retiredKeys = List.copyOf(retiredKeys);
        jwtAlgorithm = jwtAlgorithm == null ? JwtSettings.HS256 : jwtAlgorithm;
        retiredPublicKeyFiles = List.copyOf(retiredPublicKeyFiles);
        trustedIssuerOrigins = Set.copyOf(trustedIssuerOrigins);
        apiVersions = Set.copyOf(apiVersions);
        Objects.requireNonNull(operations, "operations");
    }

    /** The database file path of the embedded default, inside the data folder. */
    static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("customer-tokens");
    }

    /** With the secret that is used when none is configured: the one kept in the data folder. */
    public Settings withJwtSecret(String secret) {
        return new Settings(host, port, dataDir, dbUrl, embeddedDefaultDatabase, dbUser, dbPassword, dbPoolSize, secret,
                jwtKeyId, retiredKeys, subjectHash, publicUrl, ttl, refreshTtl, grace, leeway, trustedIssuerOrigins, apiVersions,
                jwtAlgorithm, jwtPrivateKeyFile, retiredPublicKeyFiles, operations);
    }

    /**
     * For a command (not {@code serve}): at most {@value #COMMAND_POOL_SIZE} connections, since a command does one
     * thing at a time, and opening connections it never uses costs start-up time (each one is a TCP connection and a
     * login when {@code serve} holds the embedded database).
     */
    public Settings forCommand() {
        return new Settings(host, port, dataDir, dbUrl, embeddedDefaultDatabase, dbUser, dbPassword,
                Math.min(dbPoolSize, COMMAND_POOL_SIZE), jwtSecret, jwtKeyId, retiredKeys, subjectHash, publicUrl, ttl,
                refreshTtl, grace, leeway, trustedIssuerOrigins, apiVersions, jwtAlgorithm, jwtPrivateKeyFile,
                retiredPublicKeyFiles, operations);
    }

    static final int COMMAND_POOL_SIZE = 2;

    /** Whether tokens are signed with an RS256 or EdDSA private key rather than an HS256 secret. */
    public boolean asymmetricSigning() {
        return !JwtSettings.HS256.equals(jwtAlgorithm);
    }

    /** {@link #dbUrl()} without the credentials a URL may carry ({@code user:password@}, {@code password=}), for logs. */
    public String dbUrlWithoutCredentials() {
        return withoutCredentials(dbUrl);
    }

    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?<=//)[^/@?;]*@", "***@")
                .replaceAll("(?i)((?:password|pwd|passwd|sslpassword|sslkeypassword)=)[^&;]*", "$1***");
    }

    /** Every field, with the JWT secret, retired secrets and database password masked and the URL's credentials cut. */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", dbUrl=" + withoutCredentials(dbUrl)
                + ", embeddedDefaultDatabase=" + embeddedDefaultDatabase + ", dbUser=" + dbUser
                + ", dbPassword=" + mask(dbPassword) + ", dbPoolSize=" + dbPoolSize + ", jwtSecret=" + mask(jwtSecret)
                + ", jwtKeyId=" + jwtKeyId + ", retiredKeys=" + retiredKeys + ", subjectHash=" + subjectHash
                + ", publicUrl=" + publicUrl + ", ttl=" + ttl + ", refreshTtl=" + refreshTtl + ", grace=" + grace
                + ", leeway=" + leeway + ", trustedIssuerOrigins=" + trustedIssuerOrigins + ", apiVersions=" + apiVersions
                + ", jwtAlgorithm=" + jwtAlgorithm + ", jwtPrivateKeyFile=" + jwtPrivateKeyFile
                + ", retiredPublicKeyFiles=" + retiredPublicKeyFiles + ", operations=" + operations + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : secret.isEmpty() ? "" : "***";
    }

    /**
     * Settings from command-line style flags and {@code CUSTOMER_TOKENS_*} variables, with the defaults and
     * checks of the command line, for services that embed the library, e.g.
     * {@code Settings.parse(System.getenv(), "--db-url", "jdbc:postgresql://db/tokens")}.
     *
     * @throws IllegalArgumentException when a flag is unknown or a value cannot work
     */
    public static Settings parse(java.util.Map<String, String> environment, String... flags) {
        ConfigOptions options = new ConfigOptions();
        picocli.CommandLine commandLine = new picocli.CommandLine(new ParsedOptions(options));
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        try {
            commandLine.parseArgs(flags);
            return from(options);
        } catch (picocli.CommandLine.ParameterException | ConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @picocli.CommandLine.Command(name = "settings")
    private static final class ParsedOptions {
        @picocli.CommandLine.Mixin
        final ConfigOptions options;

        ParsedOptions(ConfigOptions options) {
            this.options = options;
        }
    }

    static Settings from(ConfigOptions options) {
        if (options.port < 0 || options.port > 65_535) {
            throw new ConfigurationException("--port must be between 0 and 65535, not " + options.port);
        }
        if (options.host == null || options.host.isBlank()) {
            throw new ConfigurationException("--host must not be empty");
        }
        if (options.dbPoolSize < 1 || options.dbPoolSize > 512) {
            throw new ConfigurationException("--db-pool-size must be between 1 and 512, not " + options.dbPoolSize);
        }
        Path dataDir = options.dataDir.toAbsolutePath().normalize();
        boolean embeddedDefault = options.dbUrl == null || options.dbUrl.isBlank();
        String dbUrl = embeddedDefault ? embeddedUrl(dataDir) : options.dbUrl.strip();
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql://")) {
            throw new ConfigurationException("--db-url must be a jdbc:h2: or jdbc:postgresql:// URL");
        }
        String secret = blankToNull(options.jwtSecret);
        if (secret != null) {
            requireLongEnough(secret, "--jwt-secret (CUSTOMER_TOKENS_JWT_SECRET)");
        }
        List<RetiredKey> retired = new ArrayList<>();
        for (String entry : options.jwtPreviousSecrets) {
            if (entry.isBlank()) {
                continue;
            }
            retired.add(retiredKey(entry, "--jwt-previous-secrets"));
        }
        if (options.jwtPreviousSecretsFile != null) {
            retired.addAll(retiredKeysIn(options.jwtPreviousSecretsFile));
        }
        String requestedAlgorithm = options.jwtAlgorithm == null ? JwtSettings.HS256 : options.jwtAlgorithm;
        String algorithm = JwtSettings.ALGORITHMS.stream().filter(a -> a.equalsIgnoreCase(strip(requestedAlgorithm)))
                .findFirst().orElseThrow(() -> new ConfigurationException(
                        "--jwt-algorithm (CUSTOMER_TOKENS_JWT_ALGORITHM) must be HS256, RS256 or EdDSA, not '"
                                + requestedAlgorithm + "'"));
        Path privateKeyFile = options.jwtPrivateKeyFile;
        if (!algorithm.equals(JwtSettings.HS256)) {
            if (privateKeyFile == null) {
                throw new ConfigurationException("--jwt-algorithm " + algorithm + " needs --jwt-private-key-file "
                        + "(CUSTOMER_TOKENS_JWT_PRIVATE_KEY_FILE): the PKCS#8 PEM private key that signs");
            }
            if (secret != null) {
                throw new ConfigurationException("--jwt-secret (CUSTOMER_TOKENS_JWT_SECRET) is the HS256 signing key, "
                        + "but --jwt-algorithm is " + algorithm + "; to keep accepting the tokens it signed, list it in "
                        + "--jwt-previous-secrets-file as '=secret' (or 'kid=secret' if it had a kid)");
            }
        } else if (privateKeyFile != null) {
            throw new ConfigurationException("--jwt-private-key-file is for --jwt-algorithm RS256 or EdDSA; "
                    + "the algorithm is HS256");
        }
        List<RetiredPublicKeyFile> publicKeyFiles = new ArrayList<>();
        for (String entry : options.jwtPreviousPublicKeyFiles) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String path = entry.substring(equals + 1).strip();
            if (path.isEmpty() || (equals >= 0 && entry.substring(0, equals).isBlank())) {
                throw new ConfigurationException("--jwt-previous-public-key-files entries are 'kid=path' or 'path', not '"
                        + entry + "'");
            }
            publicKeyFiles.add(new RetiredPublicKeyFile(equals < 0 ? null : entry.substring(0, equals).strip(),
                    Path.of(path)));
        }
        String subjectHash = options.subjectHash == null ? JwtSettings.DEFAULT_SUBJECT_HASH : options.subjectHash;
        if (subjectHash.isBlank()) {
            throw new ConfigurationException("--subject-hash must not be empty");
        }
        long ttlMinutes = options.ttlMinutes == null ? DEFAULT_TTL_MINUTES : options.ttlMinutes;
        long refreshTtlMinutes = options.refreshTtlMinutes == null ? DEFAULT_REFRESH_TTL_MINUTES : options.refreshTtlMinutes;
        if (ttlMinutes < 1) {
            throw new ConfigurationException("--ttl-minutes must be at least 1");
        }
        if (refreshTtlMinutes < 1) {
            throw new ConfigurationException("--refresh-ttl-minutes must be at least 1");
        }
        if (options.graceSeconds < 0 || options.leewaySeconds < 0) {
            throw new ConfigurationException("--grace-seconds and --leeway-seconds must not be negative");
        }
        String publicUrl = blankToNull(options.publicUrl);
        if (publicUrl == null) {
            publicUrl = "http://" + (options.host.contains(":") ? "[" + options.host + "]" : options.host) + ":" + options.port;
        }
        publicUrl = stripTrailingSlashes(publicUrl);
        String publicOrigin = origin(publicUrl, "--public-url");
        Set<String> trusted = new LinkedHashSet<>();
        for (String issuer : options.trustedIssuers) {
            if (!issuer.isBlank()) {
                trusted.add(origin(issuer.strip(), "--trusted-issuers"));
            }
        }
        if (trusted.isEmpty()) {
            trusted.add(publicOrigin);
        }
        Set<Integer> versions = new LinkedHashSet<>(options.apiVersions);
        if (versions.isEmpty() || versions.stream().anyMatch(v -> v == null || v < 0)) {
            throw new ConfigurationException("--api-versions must list at least one major version, such as 4,5");
        }
        return new Settings(options.host, options.port, dataDir, dbUrl, embeddedDefault, options.dbUser,
                options.dbPassword, options.dbPoolSize, secret, blankToNull(options.jwtKeyId), retired,
                subjectHash.strip(), publicUrl, Duration.ofMinutes(ttlMinutes),
                Duration.ofMinutes(refreshTtlMinutes), Duration.ofSeconds(options.graceSeconds),
                Duration.ofSeconds(options.leewaySeconds), trusted, versions, algorithm,
                privateKeyFile == null ? null : privateKeyFile.toAbsolutePath().normalize(), publicKeyFiles, operations(options));
    }

    private static RetiredKey retiredKey(String entry, String where) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            throw new ConfigurationException(where + " entries are 'kid=secret' or '=secret'");
        }
        String kid = blankToNull(entry.substring(0, equals).strip());
        String retiredSecret = entry.substring(equals + 1);
        requireLongEnough(retiredSecret, "each " + where + " secret");
        return new RetiredKey(kid, retiredSecret);
    }

    /** One {@code kid=secret} or {@code =secret} a line; blank lines and lines starting with '#' are skipped. */
    static List<RetiredKey> retiredKeysIn(Path file) {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigurationException("--jwt-previous-secrets-file " + file + ": no such file");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new ConfigurationException("--jwt-previous-secrets-file " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<RetiredKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // the message names the line, never its content: it holds a secret
            keys.add(retiredKey(line, "--jwt-previous-secrets-file " + file + " line " + (i + 1) + ":"));
        }
        return keys;
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static Operations operations(ConfigOptions options) {
        if (options.managementHost == null || options.managementHost.isBlank()) {
            throw new ConfigurationException("--management-host must not be empty");
        }
        if (options.managementPort < Operations.MANAGEMENT_OFF || options.managementPort > 65_535) {
            throw new ConfigurationException("--management-port must be between 0 and 65535, or -1 to turn it off, not "
                    + options.managementPort);
        }
        if (options.managementPort > 0 && options.managementPort == options.port
                && options.managementHost.equals(options.host)) {
            throw new ConfigurationException("--management-port must differ from --port: the management listener is never the public one");
        }
        if (options.retentionDays < 0) {
            throw new ConfigurationException("--retention-days must not be negative");
        }
        if (options.purgeIntervalMinutes < 0) {
            throw new ConfigurationException("--purge-interval-minutes must not be negative (0 turns housekeeping off)");
        }
        if (options.shutdownGraceSeconds < 0) {
            throw new ConfigurationException("--shutdown-grace-seconds must not be negative");
        }
        String format = options.logFormat == null ? "text" : options.logFormat.strip().toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new ConfigurationException("--log-format must be text or json, not '" + options.logFormat + "'");
        }
        if (options.maxQueuedRequests < 0) {
            throw new ConfigurationException("--max-queued-requests must not be negative");
        }
        if (options.queueDeadlineMillis < 1) {
            throw new ConfigurationException("--queue-deadline-millis must be at least 1");
        }
        String adminToken = blankToNull(options.adminToken);
        if (adminToken != null && adminToken.strip().length() < MINIMUM_ADMIN_TOKEN_CHARACTERS) {
            throw new ConfigurationException("--admin-token (CUSTOMER_TOKENS_ADMIN_TOKEN) must be at least "
                    + MINIMUM_ADMIN_TOKEN_CHARACTERS + " characters long: a shorter one can be guessed");
        }
        return new Operations(options.managementHost.strip(), options.managementPort, Duration.ofDays(options.retentionDays),
                Duration.ofMinutes(options.purgeIntervalMinutes), Duration.ofSeconds(options.shutdownGraceSeconds), format,
                options.maxQueuedRequests, Duration.ofMillis(options.queueDeadlineMillis),
                adminToken == null ? null : adminToken.strip());
    }

    static void requireLongEnough(String secret, String what) {
        try {
            Hs256Secret.requireLongEnough(secret.getBytes(StandardCharsets.UTF_8), what);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** {@code scheme://host[:port]} in lower case, default ports dropped, as the codec compares issuers. */
    static String origin(String url, String what) {
        return IssuerOrigins.originOf(url).orElseThrow(() -> new ConfigurationException(what
                + " must be an http(s) URL, not '" + url + "'"));
    }

    private static String stripTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
