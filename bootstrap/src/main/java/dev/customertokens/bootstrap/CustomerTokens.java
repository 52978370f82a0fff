package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.JwtKey;
import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.JwtTokenCodec;
import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.PurgeSessionsUseCase;
import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.port.out.TokenCodec;
import dev.customertokens.application.service.AdministrationService;
import dev.customertokens.application.service.IssueTokenService;
import dev.customertokens.application.service.PurgeSessionsService;
import dev.customertokens.application.service.RefreshTokenService;
import dev.customertokens.application.service.RevokeSessionsService;
import dev.customertokens.application.service.SecureRandomTokenIds;
import dev.customertokens.application.service.TokenSettings;
import dev.customertokens.domain.RotationPolicy;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: one database, one codec, the use cases on top. A service that embeds the
 * library opens one of these and calls its use cases; {@code serve} puts the HTTP adapter in front.
 */
public final class CustomerTokens implements AutoCloseable {

    /** How long a request waits for a database connection before it is answered 503. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    private final Settings settings;
    private final Database database;
    private final RefreshTokenService refreshToken;
    private final IssueTokenService issueToken;
    private final RevokeSessionsService revokeSessions;
    private final AdministrationService administration;
    private final PurgeSessionsService purgeSessions;

    private CustomerTokens(Settings settings, Database database, TokenCodec codec, Clock clock, AuditEvents audit) {
        this.settings = settings;
        this.database = database;
        TokenSettings tokenSettings = new TokenSettings(settings.publicUrl(), settings.subjectHash(),
                new RotationPolicy(settings.ttl(), settings.refreshTtl(), settings.grace(), settings.leeway()));
        SecureRandomTokenIds tokenIds = new SecureRandomTokenIds();
        this.refreshToken = new RefreshTokenService(database.applications(), database.customerAccounts(),
                database.sessions(), codec, tokenIds, clock, tokenSettings, audit);
        this.issueToken = new IssueTokenService(database.applications(), database.customerAccounts(),
                database.sessions(), codec, tokenIds, clock, tokenSettings, audit);
        this.revokeSessions = new RevokeSessionsService(database.sessions(), clock, audit);
        this.administration = new AdministrationService(database.applications(), database.customerAccounts());
        this.purgeSessions = new PurgeSessionsService(database.housekeeping(), clock, settings.refreshTtl(),
                settings.operations().retention(), PurgeSessionsService.DEFAULT_BATCH_SIZE, audit);
    }

    /** Opens the database (migrating it) and builds the use cases; audit events go to the log. */
    public static CustomerTokens open(Settings settings, Clock clock) {
        return open(settings, clock, null);
    }

    /**
     * As {@link #open(Settings, Clock)}, with the connection pool's meters and the revocation counters
     * registered in {@code meterRegistry} (null for none).
     */
    public static CustomerTokens open(Settings settings, Clock clock, MeterRegistry meterRegistry) {
        Settings resolved = settings.jwtSecret() != null ? settings
                : settings.withJwtSecret(JwtSecretFile.readOrCreate(settings.dataDir()));
        TokenCodec codec = codec(resolved);
        Database database = Database.open(new DatabaseSettings(resolved.dbUrl(), resolved.dbUser(),
                resolved.dbPassword(), resolved.dbPoolSize(), CONNECTION_TIMEOUT), meterRegistry);
        AuditEvents audit = new LoggingAuditEvents();
        if (meterRegistry != null) {
            audit = audit.andThen(new MeteredAuditEvents(meterRegistry));
        }
        return new CustomerTokens(resolved, database, codec, clock, audit);
    }

    static TokenCodec codec(Settings settings) {
        List<JwtKey> keys = new ArrayList<>();
        keys.add(JwtKey.of(settings.jwtKeyId(), settings.jwtSecret()));
        for (Settings.RetiredKey retired : settings.retiredKeys()) {
            keys.add(JwtKey.of(retired.kid(), retired.secret()));
        }
        return new JwtTokenCodec(new JwtSettings("HS256", keys, settings.jwtKeyId(), settings.subjectHash(),
                settings.trustedIssuerOrigins()));
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
