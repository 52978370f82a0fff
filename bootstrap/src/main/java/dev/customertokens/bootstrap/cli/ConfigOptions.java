package dev.customertokens.bootstrap.cli;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.domain.RotationPolicy;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of CONTRACT section 3, shared by every command. Each option also reads
 * {@code CUSTOMER_TOKENS_<NAME>} from the environment (see {@link EnvironmentDefaults}). The settings that decide
 * whether the service accepts a token (issuer, subject hash, lifetimes, algorithm, key) are null when neither gives
 * them, so that {@code tokens issue} can take them from the running {@code serve} ({@link ServeSettingsFile})
 * before {@link Settings} applies the defaults.
 */
final class ConfigOptions {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Folder of the embedded database and the generated JWT secret (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", description = "JDBC URL: jdbc:h2:... or jdbc:postgresql://... (default: an H2 file database under the data folder).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password.")
    String dbPassword;

    @Option(names = "--db-pool-size", defaultValue = "16", description = "Database connections, and worker threads that use them (default: ${DEFAULT-VALUE}).")
    int dbPoolSize;

    @Option(names = "--embedded-durability",
            description = "What a 200 on the embedded H2 file survives: process (a killed process) or power (also a "
                    + "power loss: the journal is fsynced first). Ignored on PostgreSQL (default: process).")
    String embeddedDurability;

    @Option(names = "--jwt-secret", description = "The HS256 signing key, as UTF-8 (at least 32 bytes). Default: generated once and kept in the data folder.")
    String jwtSecret;

    @Option(names = "--jwt-key-id", description = "The kid put in the header of tokens signed with --jwt-secret (default: none, as the original system).")
    String jwtKeyId;

    @Option(names = "--jwt-previous-secrets", split = ",",
            description = "Retired keys still accepted for verification, comma separated, each 'kid=secret' or '=secret' for a key without kid.")
    List<String> jwtPreviousSecrets = new ArrayList<>();

    @Option(names = "--jwt-previous-secrets-file",
            description = "A file of retired HS256 keys, one 'kid=secret' or '=secret' a line ('#' starts a comment), "
                    + "so that no secret need appear in a process listing or the environment.")
    Path jwtPreviousSecretsFile;

    @Option(names = "--jwt-algorithm",
            description = "HS256 (default), RS256 or EdDSA: the signing key's algorithm.")
    String jwtAlgorithm;

    @Option(names = "--jwt-private-key-file",
            description = "The PKCS#8 PEM private key that signs under RS256 (RSA, 2048 bits or more) or EdDSA (Ed25519); "
                    + "its kid is --jwt-key-id, else the key's RFC 7638 thumbprint.")
    Path jwtPrivateKeyFile;

    @Option(names = "--jwt-previous-public-key-files", split = ",",
            description = "Retired RS256/EdDSA public keys (PEM, SPKI) still accepted, comma separated, each 'kid=path' "
                    + "or 'path' (kid: the key's RFC 7638 thumbprint).")
    List<String> jwtPreviousPublicKeyFiles = new ArrayList<>();

    @Option(names = "--subject-hash",
            description = "The prv claim issued and required (default: " + JwtSettings.DEFAULT_SUBJECT_HASH + ").")
    String subjectHash;

    @Option(names = "--public-url", description = "The URL clients reach the service at (default: http://<host>:<port>).")
    String publicUrl;

    @Option(names = "--ttl-minutes", description = "Token lifetime in minutes (default: " + RotationPolicy.DEFAULT_TTL_MINUTES + ").")
    Long ttlMinutes;

    @Option(names = "--refresh-ttl-minutes",
            description = "Session lifetime from login in minutes (default: " + RotationPolicy.DEFAULT_REFRESH_TTL_MINUTES + ").")
    Long refreshTtlMinutes;

    @Option(names = "--grace-seconds", defaultValue = "30", description = "Grace period of a rotated token; 0 disables (default: ${DEFAULT-VALUE}).")
    long graceSeconds;

    @Option(names = "--leeway-seconds", defaultValue = "60", description = "Clock leeway for nbf and iat (default: ${DEFAULT-VALUE}).")
    long leewaySeconds;

    @Option(names = "--idle-timeout-minutes", defaultValue = "0",
            description = "Revoke a session not refreshed for this long; 0 turns it off (default: ${DEFAULT-VALUE}).")
    long idleTimeoutMinutes;

    @Option(names = "--grace-replays", defaultValue = "0",
            description = "The most grace replays of one rotated token; 0 is unbounded (default: ${DEFAULT-VALUE}).")
    int graceReplays;

    @Option(names = "--dpop-max-skew-seconds", defaultValue = "60",
            description = "How far a DPoP proof's iat may lie from the server's time (default: ${DEFAULT-VALUE}).")
    long dpopMaxSkewSeconds;

    @Option(names = "--dpop-nonces", defaultValue = "false", arity = "1",
            description = "true: every DPoP proof must carry a server nonce (default: ${DEFAULT-VALUE}).")
    boolean dpopNonces;

    @Option(names = "--trusted-issuers", split = ",",
            description = "Origins whose iss is accepted, comma separated (default: the public URL's origin).")
    List<String> trustedIssuers = new ArrayList<>();

    @Option(names = "--api-versions", split = ",", defaultValue = "4,5",
            description = "Supported API-VERSION majors (default: ${DEFAULT-VALUE}).")
    List<Integer> apiVersions = new ArrayList<>();

    @Option(names = "--management-host", defaultValue = "127.0.0.1",
            description = "Address of the management listener: health, metrics, API description (default: ${DEFAULT-VALUE}).")
    String managementHost;

    @Option(names = "--management-port", defaultValue = "9000",
            description = "Port of the management listener; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
    int managementPort;

    @Option(names = "--retention-days", defaultValue = "30",
            description = "How long a revoked session is kept before housekeeping deletes it; 0 deletes it at the next purge (default: ${DEFAULT-VALUE}).")
    long retentionDays;

    @Option(names = "--purge-interval-minutes", defaultValue = "60",
            description = "How often housekeeping deletes finished sessions; 0 turns it off (default: ${DEFAULT-VALUE}).")
    long purgeIntervalMinutes;

    @Option(names = "--shutdown-grace-seconds", defaultValue = "10",
            description = "How long requests in flight may take to be answered after SIGTERM (default: ${DEFAULT-VALUE}).")
    long shutdownGraceSeconds;

    @Option(names = "--log-format", defaultValue = "text",
            description = "text, or json for one JSON object a line (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--max-queued-requests", defaultValue = "256",
            description = "Requests that may wait for a database worker beyond those running; more answer 503 at once (default: ${DEFAULT-VALUE}).")
    int maxQueuedRequests;

    @Option(names = "--queue-deadline-millis", defaultValue = "1000",
            description = "The longest a request may wait for a database worker before it answers 503 instead (default: ${DEFAULT-VALUE}).")
    long queueDeadlineMillis;

    @Option(names = "--admin-token",
            description = "The bearer token of the admin API on the management listener, at least 32 characters "
                    + "(default: none, and the admin API answers 403 admin_disabled).")
    String adminToken;

    Settings toSettings() {
        return CommandLineSettings.from(this);
    }
}
