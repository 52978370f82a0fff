package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.Hs256Secret;
import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.JwtTokenCodec;
import dev.customertokens.adapters.jwt.KeyFileException;
import dev.customertokens.adapters.jwt.PublicVerificationKey;
import dev.customertokens.adapters.jwt.SigningKeyPair;
import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.ListSessionsUseCase;
import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.in.PurgeSessionsUseCase;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.service.CachingApplications;
import dev.customertokens.application.service.AdministrationService;
import dev.customertokens.application.service.IssueTokenService;
import dev.customertokens.application.service.PurgeSessionsService;
import dev.customertokens.application.service.RefreshTokenService;
import dev.customertokens.application.service.RevokeSessionsService;
import dev.customertokens.application.service.SecureRandomTokenIds;
import dev.customertokens.application.service.TokenSettings;
import dev.customertokens.domain.RotationPolicy;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The composition root: one database, one codec, the use cases on top. A service that embeds the
 * library opens one of these and calls its use cases; {@code serve} puts the HTTP adapter in front.
 */
public final class CustomerTokens implements AutoCloseable {

    /** How long a request waits for a database connection before it is answered 503. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    private final Settings settings;
    private final Database database;
    private final String jwks;
    private final RefreshTokenService refreshToken;
    private final IssueTokenService issueToken;
    private final RevokeSessionsService revokeSessions;
    private final AdministrationService administration;
    private final PurgeSessionsService purgeSessions;

    private CustomerTokens(Settings settings, Database database, JwtTokenCodec codec, Clock clock, AuditEvents audit) {
        this.settings = settings;
        this.database = database;
        this.jwks = codec.jwks();
        TokenSettings tokenSettings = new TokenSettings(settings.publicUrl(), settings.subjectHash(),
                new RotationPolicy(settings.ttl(), settings.refreshTtl(), settings.grace(), settings.leeway()));
        SecureRandomTokenIds tokenIds = new SecureRandomTokenIds();
        // every refresh names an application; the cache bounds how long another node's change takes to apply
        Applications applications = new CachingApplications(database.applications(), clock,
                CachingApplications.DEFAULT_MAX_AGE);
        this.refreshToken = new RefreshTokenService(applications, database.sessions(), codec, tokenIds, clock,
                tokenSettings, audit);
        this.issueToken = new IssueTokenService(applications, database.customerAccounts(),
                database.sessions(), codec, tokenIds, clock, tokenSettings, audit);
        this.revokeSessions = new RevokeSessionsService(database.sessions(), clock, audit);
        this.administration = new AdministrationService(applications, database.customerAccounts());
        this.purgeSessions = new PurgeSessionsService(database.housekeeping(), clock, settings.refreshTtl(),
                settings.operations().retention(), PurgeSessionsService.DEFAULT_BATCH_SIZE, audit);
    }

    /**
     * Reads and checks the signing keys, opens the database (migrating it) and builds the use cases.
     *
     * @throws ConfigurationException when a key file or key cannot be used: the message names the file and why
     */
    public static CustomerTokens open(Settings settings, Clock clock) {
        return open(settings, clock, null);
    }

    /**
     * As {@link #open(Settings, Clock)}, with the connection pool's meters, the revocation counters and the
     * durable writes' batch sizes registered in {@code meterRegistry} (null for none).
     */
    public static CustomerTokens open(Settings settings, Clock clock, MeterRegistry meterRegistry) {
        return open(settings, clock, meterRegistry, DatabaseSettings.Migration.ALWAYS);
    }

    /**
     * For a command of the command line: a pool of at most {@value Settings#COMMAND_POOL_SIZE} connections, and Flyway
     * only when the schema is behind (one query tells), since a command's start-up is mostly loading what it uses.
     */
    static CustomerTokens openForCommand(Settings settings, Clock clock) {
        return open(settings.forCommand(), clock, null, DatabaseSettings.Migration.WHEN_BEHIND);
    }

    private static CustomerTokens open(Settings settings, Clock clock, MeterRegistry meterRegistry,
                                       DatabaseSettings.Migration migration) {
        Settings resolved = settings.jwtSecret() != null || settings.asymmetricSigning() ? settings
                : settings.withJwtSecret(JwtSecretFile.readOrCreate(settings.dataDir()));
        JwtTokenCodec codec = codec(resolved);
        Database database = openDatabase(resolved, meterRegistry, migration);
        AuditEvents audit = new LoggingAuditEvents();
        if (meterRegistry != null) {
            audit = audit.andThen(new MeteredAuditEvents(meterRegistry));
        }
        return new CustomerTokens(resolved, database, codec, clock, audit);
    }

    /**
     * The embedded default database gets a password kept in the data folder (CONTRACT 2.5), generated at first start:
     * its server port, open while {@code serve} runs, then admits only processes that can read the folder. A database
     * made before it had one is given it (its former password was the empty one).
     */
    private static Database openDatabase(Settings settings, MeterRegistry meterRegistry,
                                         DatabaseSettings.Migration migration) {
        String password = settings.dbPassword();
        boolean kept = settings.embeddedDefaultDatabase() && (password == null || password.isEmpty());
        try {
            if (settings.embeddedDefaultDatabase()) {
                DataFolder.prepare(settings.dataDir());
            }
            if (kept) {
                password = DataFolder.readOrCreateSecret(settings.dataDir(), DataFolder.DB_PASSWORD_FILE, () -> { });
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot prepare the data folder " + settings.dataDir() + ": " + e.getMessage());
        }
        DatabaseSettings database = DatabaseSettings.builder()
                .jdbcUrl(settings.dbUrl()).user(settings.dbUser()).password(password)
                .poolSize(settings.dbPoolSize()).connectionTimeout(CONNECTION_TIMEOUT)
                .formerPassword(kept ? "" : null)
                .meterRegistry(meterRegistry)
                .migration(migration)
                .build();
        return Database.open(database);
    }

    static JwtTokenCodec codec(Settings settings) {
        JwtSettings.Builder jwt = JwtSettings.builder().subjectHash(settings.subjectHash())
                .trustedIssuers(settings.trustedIssuerOrigins());
        for (Settings.RetiredKey retired : settings.retiredKeys()) {
            jwt.acceptAlso(Hs256Secret.of(retired.kid(), retired.secret()));
        }
        try {
            for (Settings.RetiredPublicKeyFile retired : settings.retiredPublicKeyFiles()) {
                jwt.acceptAlso(PublicVerificationKey.fromPemFile(retired.file(), retired.kid()));
            }
            if (settings.asymmetricSigning()) {
                jwt.signWith(readSigningKey(settings));
            } else {
                jwt.signWith(Hs256Secret.of(settings.jwtKeyId(), settings.jwtSecret()));
            }
            return new JwtTokenCodec(jwt.build());
        } catch (KeyFileException e) {
            throw new ConfigurationException("JWT key file " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("JWT keys: " + e.getMessage());
        }
    }

    private static SigningKeyPair readSigningKey(Settings settings) {
        try {
            return SigningKeyPair.fromPemFile(settings.jwtPrivateKeyFile(), settings.jwtAlgorithm(),
                    settings.jwtKeyId());
        } catch (KeyFileException e) {
            throw new ConfigurationException("--jwt-private-key-file " + e.getMessage());
        }
    }

    /** The JWK Set document of the public verification keys, as {@code GET /.well-known/jwks.json} serves it. */
    public String jwks() {
        return jwks;
    }

    public Settings settings() {
        return settings;
    }

    public RefreshTokenUseCase refreshToken() {
        return refreshToken;
    }

    public IssueTokenUseCase issueToken() {
        return issueToken;
    }

    public RevokeSessionsUseCase revokeSessions() {
        return revokeSessions;
    }

    /** A customer's sessions, live and revoked (never a token). */
    public ListSessionsUseCase listSessions() {
        return revokeSessions;
    }

    public AdministrationService administration() {
        return administration;
    }

    /** Housekeeping (CONTRACT 4.4); {@code serve} runs it every purge interval, {@code sessions purge} at once. */
    public PurgeSessionsUseCase purgeSessions() {
        return purgeSessions;
    }

    Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }
}
