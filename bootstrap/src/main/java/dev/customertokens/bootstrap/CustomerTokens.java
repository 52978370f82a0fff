package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.adapters.jwt.JwtTokenCodec;
import dev.customertokens.adapters.jwt.dpop.HmacDpopNonces;
import dev.customertokens.adapters.jwt.dpop.NimbusDpopProofVerifier;
import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.ListSessionsUseCase;
import dev.customertokens.application.port.in.PurgeSessionsUseCase;
import dev.customertokens.application.port.in.RefreshTokenUseCase;
import dev.customertokens.application.port.in.RevokeSessionsUseCase;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.port.out.DpopNonces;
import dev.customertokens.application.service.AdministrationService;
import dev.customertokens.application.service.CachingApplications;
import dev.customertokens.application.service.DpopProofCheck;
import dev.customertokens.application.service.IssueTokenService;
import dev.customertokens.application.service.PurgeSessionsService;
import dev.customertokens.application.service.RefreshTokenService;
import dev.customertokens.application.service.RevokeSessionsService;
import dev.customertokens.application.service.SecureRandomTokenIds;
import dev.customertokens.bootstrap.datafolder.DataFolder;
import dev.customertokens.bootstrap.operations.LoggingAuditEvents;
import dev.customertokens.bootstrap.operations.MeteredAuditEvents;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The library: the use cases over one database and one token codec, as a service that embeds it calls them
 * (from a worker thread: they block on the database). Made by {@link #builder()}; {@link HttpService} serves it
 * over HTTP, {@link CustomerTokensRoutes} mounts it on a host's router. Closing it closes its database.
 */
public final class CustomerTokens implements AutoCloseable {

    private final CustomerTokensSettings settings;
    private final Database database;
    private final String jwks;
    private final MeterRegistry meterRegistry;
    private final RefreshTokenService refreshToken;
    private final IssueTokenService issueToken;
    private final RevokeSessionsService revokeSessions;
    private final AdministrationService administration;
    private final PurgeSessionsService purgeSessions;

    /** @param dpopNonces the server nonces every DPoP proof must carry, or null when they are off */
    private CustomerTokens(CustomerTokensSettings settings, Database database, JwtTokenCodec codec,
                           DpopNonces dpopNonces, Clock clock, MeterRegistry meterRegistry, AuditEvents audit) {
        this.settings = settings;
        this.database = database;
        this.jwks = codec.jwks();
        this.meterRegistry = meterRegistry;
        SecureRandomTokenIds tokenIds = new SecureRandomTokenIds();
        // every refresh names an application; the cache bounds how long another node's change takes to apply
        Applications applications = new CachingApplications(database.applications(), clock,
                CachingApplications.DEFAULT_MAX_AGE);
        DpopProofCheck dpop = new DpopProofCheck(new NimbusDpopProofVerifier(), database.dpopProofReplays(), dpopNonces,
                settings.dpop(), settings.tokens().refreshIssuer());
        this.refreshToken = new RefreshTokenService(applications, database.sessions(), codec, tokenIds, clock,
                settings.tokens(), audit, dpop);
        this.issueToken = new IssueTokenService(applications, database.customerAccounts(), database.sessions(), codec,
                tokenIds, clock, settings.tokens(), audit);
        this.revokeSessions = new RevokeSessionsService(database.sessions(), clock, audit);
        this.administration = new AdministrationService(applications, database.customerAccounts());
        this.purgeSessions = new PurgeSessionsService(database.housekeeping(), database.dpopProofReplays(), clock,
                settings.tokens().policy().refreshTtl(), settings.retention(), PurgeSessionsService.DEFAULT_BATCH_SIZE,
                audit);
    }

    /**
     * A builder with the command line's defaults.
     *
     * @return a new builder; only its public URL has no default
     */
    public static CustomerTokensBuilder builder() {
        return new CustomerTokensBuilder();
    }

    /**
     * Reads the key files (or the secret kept in the data folder), opens the database (migrating it) and builds
     * the use cases. {@link CustomerTokensBuilder#build()} is the usual way here.
     *
     * @param settings      the checked configuration, as {@link CustomerTokensBuilder#settings()} makes it
     * @param clock         the clock every rule about time reads
     * @param meterRegistry where the pool's, the batches' and the revocations' meters go, or null for none
     * @param audit         where audit events go, or null for the {@code customer-tokens.audit} logger
     * @return the open library; the caller closes it
     * @throws ConfigurationException naming the key file or the data folder that cannot be used
     * @throws dev.customertokens.application.port.out.StorageUnavailableException when the database cannot be
     *         reached
     */
    public static CustomerTokens open(CustomerTokensSettings settings, Clock clock, MeterRegistry meterRegistry,
                                      AuditEvents audit) {
        CustomerTokensSettings resolved = settings.withKeys(settings.keys().resolve(settings.dataFolder()));
        JwtSettings jwtSettings = resolved.keys().toJwtSettings(resolved.tokens().subjectHash(),
                resolved.trustedIssuerOrigins());
        JwtTokenCodec codec = new JwtTokenCodec(jwtSettings);
        DpopNonces dpopNonces = resolved.dpopNonces() ? dpopNonces(jwtSettings) : null;
        Database database = Database.open(withRuntime(resolved, meterRegistry));
        AuditEvents sink = audit == null ? new LoggingAuditEvents() : audit;
        if (meterRegistry != null) {
            sink = sink.andThen(new MeteredAuditEvents(meterRegistry));
        }
        return new CustomerTokens(resolved, database, codec, dpopNonces, clock, meterRegistry, sink);
    }

    /** Keyed by the signing key, so that every node with the same configuration accepts the same nonces. */
    private static DpopNonces dpopNonces(JwtSettings jwtSettings) {
        try {
            return HmacDpopNonces.derivedFrom(jwtSettings);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--dpop-nonces: " + e.getMessage());
        }
    }

    /**
     * The database as it opens: the embedded default gets the password kept in the data folder (CONTRACT 2.5),
     * generated at first start, and a database made before it had one is given it (its former password was
     * the empty one).
     */
    private static DatabaseSettings withRuntime(CustomerTokensSettings settings, MeterRegistry meterRegistry) {
        DatabaseSettings database = settings.database();
        String password = database.password();
        boolean kept = settings.embeddedDefaultDatabase() && (password == null || password.isEmpty());
        try {
            if (settings.embeddedDefaultDatabase()) {
                DataFolder.prepare(settings.dataFolder());
            }
            if (kept) {
                password = DataFolder.readOrCreateSecret(settings.dataFolder(), DataFolder.DB_PASSWORD_FILE, () -> { });
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot prepare the data folder " + settings.dataFolder() + ": "
                    + e.getMessage());
        }
        return database.toBuilder().password(password).formerPassword(kept ? "" : null).meterRegistry(meterRegistry)
                .build();
    }

    /**
     * The configuration it runs with; its keys read, and the generated secret filled in.
     *
     * @return the settings
     */
    public CustomerTokensSettings settings() {
        return settings;
    }

    /**
     * The JWK Set document of the public verification keys, as {@code GET /.well-known/jwks.json} serves it.
     *
     * @return the JSON document; {@code {"keys":[]}} under HS256
     */
    public String jwks() {
        return jwks;
    }

    /**
     * What {@code GET /api/customers/refresh} does, without HTTP; blocks on the database.
     *
     * @return the refresh use case
     */
    public RefreshTokenUseCase refreshToken() {
        return refreshToken;
    }

    /**
     * What a login does once it knows the customer: begins a session; blocks on the database.
     *
     * @return the login use case
     */
    public IssueTokenUseCase issueToken() {
        return issueToken;
    }

    /**
     * Revokes one session or all of a customer's, with the reason {@code operator}; blocks on the database.
     *
     * @return the revocation use case
     */
    public RevokeSessionsUseCase revokeSessions() {
        return revokeSessions;
    }

    /**
     * A customer's sessions, live and revoked (never a token).
     *
     * @return the listing use case
     */
    public ListSessionsUseCase listSessions() {
        return revokeSessions;
    }

    /**
     * Applications and customer accounts: registering, importing, deleting.
     *
     * @return the service behind the three administration use cases
     */
    public AdministrationService administration() {
        return administration;
    }

    /**
     * Housekeeping (CONTRACT 4.4): {@code serve} runs it every purge interval, {@code sessions purge} at once.
     *
     * @return the purge use case, with the configured retention
     */
    public PurgeSessionsUseCase purgeSessions() {
        return purgeSessions;
    }

    /**
     * Where its meters go, if anywhere.
     *
     * @return the builder's registry, or empty
     */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /**
     * Readiness: empty when the database answers within the connection timeout and its schema is current, else
     * what is wrong (never a credential). Blocks.
     *
     * @return what is wrong, or empty when ready
     */
    public Optional<String> databaseProblem() {
        return database.ping();
    }

    /**
     * Whether the database holds no application and no customer account (a fresh one, ready for demo data).
     *
     * @return true when both are empty; blocks on the database
     */
    public boolean holdsNoData() {
        return database.isEmpty();
    }

    /**
     * Copies the embedded H2 database, online, into a new zip file that restores it ({@code docs/operations.md}):
     * every refresh answered before the call began is in it. Blocks for as long as the copy takes.
     *
     * @param zip a new file on this machine
     * @throws UnsupportedOperationException on any other database, naming what backs it up (PostgreSQL:
     *                                       {@code pg_dump}, {@code pg_basebackup})
     * @throws java.io.UncheckedIOException  when {@code zip} exists or cannot be written
     */
    public void backupDatabase(Path zip) {
        database.backup(zip);
    }

    /** For tests of this package, which look at what was stored. */
    Database database() {
        return database;
    }

    /** Closes the database and the pool the library opened; a host's DataSource stays open. */
    @Override
    public void close() {
        database.close();
    }
}
