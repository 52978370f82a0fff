package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.Hs256Secret;
import dev.customertokens.adapters.jwt.IssuerOrigins;
import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.PublicVerificationKey;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.EmbeddedDurability;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.service.TokenSettings;
import dev.customertokens.domain.DpopRules;
import dev.customertokens.domain.RotationPolicy;
import io.micrometer.core.instrument.MeterRegistry;

import javax.crypto.SecretKey;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Configures and opens {@link CustomerTokens}: every setting of CONTRACT 3 as a method, with the command line's
 * defaults. Nothing is checked until {@link #settings()} or {@link #build()}, which refuse a setting that cannot
 * work with a {@link ConfigurationException} naming it as this builder and the command line do.
 */
public final class CustomerTokensBuilder {

    static final int MAX_POOL_SIZE = 512;
    static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    private Path dataFolder = Path.of("data");
    private String jdbcUrl;
    private String databaseUser;
    private String databasePassword;
    private int databasePoolSize = DatabaseSettings.DEFAULT_POOL_SIZE;
    private DataSource dataSource;
    private EmbeddedDurability embeddedDurability = DatabaseSettings.DEFAULT_EMBEDDED_DURABILITY;
    private String jwtAlgorithm;
    private String keyId;
    private byte[] secret;
    private SecretKey secretKey;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private Path privateKeyFile;
    private final List<Hs256Secret> retiredSecrets = new ArrayList<>();
    private final List<PublicVerificationKey> retiredPublicKeys = new ArrayList<>();
    private final List<SigningKeys.RetiredPublicKeyFile> retiredPublicKeyFiles = new ArrayList<>();
    private String subjectHash = JwtSettings.DEFAULT_SUBJECT_HASH;
    private String publicUrl;
    private final List<String> trustedIssuers = new ArrayList<>();
    private Duration ttl = RotationPolicy.DEFAULT_TTL;
    private Duration refreshTtl = RotationPolicy.DEFAULT_REFRESH_TTL;
    private Duration grace = RotationPolicy.DEFAULT_GRACE;
    private Duration leeway = RotationPolicy.DEFAULT_LEEWAY;
    private Duration idleTimeout = Duration.ZERO;
    private int graceReplays;
    private Duration dpopMaxSkew = DpopRules.DEFAULT_MAX_SKEW;
    private boolean dpopNonces;
    private Duration retention = DEFAULT_RETENTION;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meterRegistry;
    private AuditEvents auditEvents;

    CustomerTokensBuilder() {
    }

    /**
     * Where the embedded default database and the generated secrets are kept (default {@code ./data}).
     *
     * @param folder the folder, not null; created (mode 700) when the library opens and needs it
     * @return this builder
     */
    public CustomerTokensBuilder dataFolder(Path folder) {
        this.dataFolder = Objects.requireNonNull(folder, "folder");
        return this;
    }

    /**
     * A {@code jdbc:h2:} or {@code jdbc:postgresql://} URL; default: an H2 file in the data folder.
     *
     * @param url the URL; null or blank for the default
     * @return this builder
     */
    public CustomerTokensBuilder jdbcUrl(String url) {
        this.jdbcUrl = blankToNull(url);
        return this;
    }

    /**
     * The user the URL's database knows (default: none).
     *
     * @param user the user; null or blank for none
     * @return this builder
     */
    public CustomerTokensBuilder databaseUser(String user) {
        this.databaseUser = user;
        return this;
    }

    /**
     * The user's password (default: none; the embedded default gets one generated in the data folder).
     *
     * @param password the password; null or blank for none
     * @return this builder
     */
    public CustomerTokensBuilder databasePassword(String password) {
        this.databasePassword = password;
        return this;
    }

    /**
     * Connections held open, and worker threads that use them (default 16).
     *
     * @param connections 1 to 512; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder databasePoolSize(int connections) {
        this.databasePoolSize = connections;
        return this;
    }

    /**
     * The host's own pool instead of a URL: the library neither pools nor closes it.
     *
     * @param hostPool the host's connections, with their own credentials; not null
     * @return this builder
     */
    public CustomerTokensBuilder dataSource(DataSource hostPool) {
        this.dataSource = Objects.requireNonNull(hostPool, "hostPool");
        return this;
    }

    /**
     * What a rotation acknowledged on an embedded H2 file survives: {@code PROCESS} (a killed process, the default)
     * or {@code POWER} (also the machine losing power). PostgreSQL ignores it: its own commit decides.
     *
     * @param durability the mode, not null
     * @return this builder
     */
    public CustomerTokensBuilder embeddedDurability(EmbeddedDurability durability) {
        this.embeddedDurability = Objects.requireNonNull(durability, "durability");
        return this;
    }

    /**
     * {@code HS256} (the default), {@code RS256} or {@code EdDSA}; a private key given as an object implies its own.
     *
     * @param algorithm the algorithm, in any case; null or blank for the default; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder jwtAlgorithm(String algorithm) {
        this.jwtAlgorithm = blankToNull(algorithm);
        return this;
    }

    /**
     * The signing key's {@code kid} (default: none under HS256, the key's RFC 7638 thumbprint otherwise).
     *
     * @param kid the key id; null or blank for the default
     * @return this builder
     */
    public CustomerTokensBuilder keyId(String kid) {
        this.keyId = blankToNull(kid);
        return this;
    }

    /**
     * The HS256 signing key as the UTF-8 bytes of {@code secret}, as the original system's {@code JWT_SECRET}.
     *
     * @param secret at least 32 bytes in UTF-8, checked when built; null or blank to use the secret generated in
     *               the data folder
     * @return this builder
     */
    public CustomerTokensBuilder jwtSecret(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /**
     * The HS256 signing key as an object.
     *
     * @param key a key whose {@code getEncoded()} gives at least 32 bytes, checked when built; not null
     * @return this builder
     */
    public CustomerTokensBuilder signWith(SecretKey key) {
        this.secretKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * The RS256 (RSA) or EdDSA (Ed25519) signing key; its public half is derived from it.
     *
     * @param key an RSA key of at least 2048 bits or an Ed25519 key, checked when built; not null
     * @return this builder
     */
    public CustomerTokensBuilder signWith(PrivateKey key) {
        return signWith(key, null);
    }

    /**
     * The RS256 or EdDSA signing key with its public half.
     *
     * @param key        an RSA key of at least 2048 bits or an Ed25519 key, checked when built; not null
     * @param publicHalf its public key, or null to derive it
     * @return this builder
     */
    public CustomerTokensBuilder signWith(PrivateKey key, PublicKey publicHalf) {
        this.privateKey = Objects.requireNonNull(key, "key");
        this.publicKey = publicHalf;
        return this;
    }

    /**
     * The RS256 or EdDSA signing key as a PKCS#8 PEM file, read when the library opens.
     *
     * @param file the unencrypted PEM file, or null for none
     * @return this builder
     */
    public CustomerTokensBuilder jwtPrivateKeyFile(Path file) {
        this.privateKeyFile = file;
        return this;
    }

    /**
     * A retired HS256 key, still accepted so that changing the secret logs nobody out.
     *
     * @param retired the retired secret, not null
     * @return this builder
     */
    public CustomerTokensBuilder acceptAlso(Hs256Secret retired) {
        retiredSecrets.add(Objects.requireNonNull(retired, "retired"));
        return this;
    }

    /**
     * A retired HS256 key given as an object, with its {@code kid} or null. Checked at once, unlike the other
     * settings.
     *
     * @param kid     the key id, or null for a key without id
     * @param retired the retired key, its bytes at least 32
     * @return this builder
     * @throws IllegalArgumentException if the key gives no bytes or too few
     */
    public CustomerTokensBuilder acceptAlso(String kid, SecretKey retired) {
        return acceptAlso(Hs256Secret.of(kid, retired));
    }

    /**
     * A retired RS256 or EdDSA public key, with its {@code kid} or null for its thumbprint. Checked at once,
     * unlike the other settings.
     *
     * @param kid     the key id, or null for the key's RFC 7638 thumbprint
     * @param retired an RSA key of at least 2048 bits or an Ed25519 key
     * @return this builder
     * @throws IllegalArgumentException if the key is of another type or too short
     */
    public CustomerTokensBuilder acceptAlso(String kid, PublicKey retired) {
        retiredPublicKeys.add(PublicVerificationKey.of(kid, retired));
        return this;
    }

    /**
     * A retired RS256 or EdDSA public key in a PEM file, with its {@code kid} or null for its thumbprint.
     *
     * @param kid  the key id, or null for the key's RFC 7638 thumbprint
     * @param file the PEM file (X.509 SubjectPublicKeyInfo), read when the library opens; not null
     * @return this builder
     */
    public CustomerTokensBuilder acceptAlsoPublicKeyFile(String kid, Path file) {
        retiredPublicKeyFiles.add(new SigningKeys.RetiredPublicKeyFile(kid, file));
        return this;
    }

    /**
     * The {@code prv} claim issued and required (default: the seed's value).
     *
     * @param hash the hash; null for the default; not blank, checked when built
     * @return this builder
     */
    public CustomerTokensBuilder subjectHash(String hash) {
        this.subjectHash = hash == null ? JwtSettings.DEFAULT_SUBJECT_HASH : hash;
        return this;
    }

    /**
     * The URL clients reach the service at; the tokens' issuers are built on it. Required.
     *
     * @param url an http(s) URL, trailing slashes dropped; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder publicUrl(String url) {
        this.publicUrl = blankToNull(url);
        return this;
    }

    /**
     * Origins whose {@code iss} is accepted (default: the public URL's origin); replaces any given before.
     *
     * @param origins http(s) URLs, reduced to their origins when built; null and blank elements are skipped
     * @return this builder
     */
    public CustomerTokensBuilder trustedIssuers(Collection<String> origins) {
        trustedIssuers.clear();
        origins.stream().filter(origin -> origin != null && !origin.isBlank()).map(String::strip)
                .forEach(trustedIssuers::add);
        return this;
    }

    /**
     * A token's lifetime, in whole minutes (default 1440).
     *
     * @param lifetime at least one minute, in whole minutes; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder ttl(Duration lifetime) {
        this.ttl = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /**
     * A session's absolute lifetime from its login, in whole minutes (default 2,628,000).
     *
     * @param lifetime at least one minute, in whole minutes; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder refreshTtl(Duration lifetime) {
        this.refreshTtl = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /**
     * How long a rotated token still yields its successor (default 30 s; zero disables).
     *
     * @param period zero or positive; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder grace(Duration period) {
        this.grace = Objects.requireNonNull(period, "period");
        return this;
    }

    /**
     * How far {@code nbf} and {@code iat} may lie in the future (default 60 s).
     *
     * @param leeway zero or positive; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder leeway(Duration leeway) {
        this.leeway = Objects.requireNonNull(leeway, "leeway");
        return this;
    }

    /**
     * Revoke a session not rotated for this long (default zero: off; CONTRACT 2.6).
     *
     * @param timeout zero (off) or positive; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * The most grace replays of one rotated token (default 0: unbounded; CONTRACT 2.6).
     *
     * @param replays zero (unbounded) or positive; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder graceReplays(int replays) {
        this.graceReplays = replays;
        return this;
    }

    /**
     * How far a DPoP proof's {@code iat} may lie from the server's time (default 60 s; CONTRACT 2.7).
     *
     * @param skew at least one second; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder dpopMaxSkew(Duration skew) {
        this.dpopMaxSkew = Objects.requireNonNull(skew, "skew");
        return this;
    }

    /**
     * Whether every DPoP proof must carry a server nonce (default false; CONTRACT 2.7).
     *
     * @param required true to require server nonces
     * @return this builder
     */
    public CustomerTokensBuilder dpopNonces(boolean required) {
        this.dpopNonces = required;
        return this;
    }

    /**
     * How long housekeeping keeps a revoked session (default 30 days; zero: until the next purge).
     *
     * @param retention zero or positive; checked when built
     * @return this builder
     */
    public CustomerTokensBuilder retention(Duration retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    /**
     * The clock every rule about time reads (default: the system's, UTC).
     *
     * @param clock the clock, not null
     * @return this builder
     */
    public CustomerTokensBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Where the pool's, the batches' and the revocations' meters go (default: none).
     *
     * @param registry the registry, or null for none
     * @return this builder
     */
    public CustomerTokensBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    /**
     * Where audit events go (default: the {@code customer-tokens.audit} logger; CONTRACT 4.6).
     *
     * @param sink the sink, or null for the default logger
     * @return this builder
     */
    public CustomerTokensBuilder auditEvents(AuditEvents sink) {
        this.auditEvents = sink;
        return this;
    }

    /**
     * The configuration, checked; nothing is opened, read or generated.
     *
     * @return the settings
     * @throws ConfigurationException naming the first setting that cannot work
     */
    public CustomerTokensSettings settings() {
        if (publicUrl == null) {
            throw new ConfigurationException("--public-url (publicUrl) must be set: the URL clients reach the service "
                    + "at, on which the tokens' issuers are built");
        }
        String url = stripTrailingSlashes(publicUrl);
        String publicOrigin = origin(url, "--public-url");
        Set<String> trusted = new LinkedHashSet<>();
        for (String issuer : trustedIssuers) {
            trusted.add(origin(issuer, "--trusted-issuers"));
        }
        if (trusted.isEmpty()) {
            trusted.add(publicOrigin);
        }
        if (subjectHash.isBlank()) {
            throw new ConfigurationException("--subject-hash must not be empty");
        }
        requireWholeMinutes(ttl, "--ttl-minutes");
        requireWholeMinutes(refreshTtl, "--refresh-ttl-minutes");
        if (grace.isNegative() || leeway.isNegative()) {
            throw new ConfigurationException("--grace-seconds and --leeway-seconds must not be negative");
        }
        if (idleTimeout.isNegative()) {
            throw new ConfigurationException("--idle-timeout-minutes must not be negative");
        }
        if (graceReplays < 0) {
            throw new ConfigurationException("--grace-replays must not be negative");
        }
        if (dpopMaxSkew.toSeconds() < 1) {
            throw new ConfigurationException("--dpop-max-skew-seconds must be at least 1");
        }
        if (retention.isNegative()) {
            throw new ConfigurationException("--retention-days must not be negative");
        }
        RotationPolicy policy = new RotationPolicy(ttl, refreshTtl, grace, leeway, idleTimeout, graceReplays);
        Path folder = dataFolder.toAbsolutePath().normalize();
        return new CustomerTokensSettings(folder, database(folder), jdbcUrl == null && dataSource == null, keys(),
                new TokenSettings(url, subjectHash.strip(), policy), trusted, new DpopRules(dpopMaxSkew), dpopNonces,
                retention);
    }

    /**
     * Checks the configuration, opens the database (migrating it) and builds the use cases.
     *
     * @return the open library; the caller closes it
     * @throws ConfigurationException naming the setting or the key file that cannot work
     * @throws dev.customertokens.application.port.out.StorageUnavailableException when the database cannot be reached
     */
    public CustomerTokens build() {
        return CustomerTokens.open(settings(), clock, meterRegistry, auditEvents);
    }

    private DatabaseSettings database(Path folder) {
        if (databasePoolSize < 1 || databasePoolSize > MAX_POOL_SIZE) {
            throw new ConfigurationException("--db-pool-size must be between 1 and " + MAX_POOL_SIZE + ", not "
                    + databasePoolSize);
        }
        if (dataSource != null) {
            if (jdbcUrl != null) {
                throw new ConfigurationException("give the database either as a DataSource or as --db-url, not both");
            }
            return DatabaseSettings.builder().dataSource(dataSource)
                    .embeddedDurability(embeddedDurability).service(true).build();
        }
        String url = jdbcUrl == null ? embeddedUrl(folder) : jdbcUrl.strip();
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql://")) {
            throw new ConfigurationException("--db-url must be a jdbc:h2: or jdbc:postgresql:// URL");
        }
        return DatabaseSettings.builder().jdbcUrl(url).user(blankToNull(databaseUser))
                .password(blankToNull(databasePassword)).poolSize(databasePoolSize)
                .embeddedDurability(embeddedDurability).service(true).build();
    }

    /**
     * The embedded default database's file, inside the data folder.
     *
     * @param dataFolder the data folder
     * @return the {@code jdbc:h2:file:} URL of the default database in it
     */
    public static String embeddedUrl(Path dataFolder) {
        return "jdbc:h2:file:" + dataFolder.toAbsolutePath().normalize().resolve("customer-tokens");
    }

    private SigningKeys keys() {
        return SigningKeys.checked(jwtAlgorithm, keyId, secret, secretKey, privateKey, publicKey, privateKeyFile,
                retiredSecrets, retiredPublicKeys, retiredPublicKeyFiles);
    }

    private static void requireWholeMinutes(Duration lifetime, String flag) {
        if (lifetime.toSeconds() < 60 || lifetime.toSeconds() % 60 != 0 || lifetime.toNanosPart() != 0) {
            throw new ConfigurationException(flag + " must be at least 1, in whole minutes");
        }
    }

    /** {@code scheme://host[:port]} in lower case, default ports dropped, as issuers are compared. */
    static String origin(String url, String what) {
        Optional<String> origin = IssuerOrigins.originOf(url);
        if (origin.isEmpty()) {
            throw new ConfigurationException(what + " must be an http(s) URL, not '" + url + "'");
        }
        return origin.get();
    }

    private static String stripTrailingSlashes(String url) {
        String result = url.strip();
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
