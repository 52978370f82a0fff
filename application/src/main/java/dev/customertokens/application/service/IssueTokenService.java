package dev.customertokens.application.service;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.application.port.out.AuditEvents;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.TokenCodec;
import dev.customertokens.application.port.out.TokenIdGenerator;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RotationPolicy;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;
import dev.customertokens.domain.TokenClaims;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Begins a session: reserves its id, signs its first token, stores it. */
public final class IssueTokenService implements IssueTokenUseCase {

    private final Applications applications;
    private final CustomerAccounts customerAccounts;
    private final Sessions sessions;
    private final TokenCodec codec;
    private final TokenIdGenerator tokenIds;
    private final Clock clock;
    private final TokenSettings settings;
    private final AuditEvents audit;

    /**
     * A service that reports no audit events.
     *
     * @param applications     the applications' store, not null
     * @param customerAccounts the customer accounts' store, not null
     * @param sessions         the sessions' store, not null
     * @param codec            signs the first token, not null
     * @param tokenIds         makes the first token's {@code jti}, not null
     * @param clock            the time of the login, not null
     * @param settings         the issuer, subject hash and lifetimes, not null
     * @throws NullPointerException if an argument is null
     */
    public IssueTokenService(Applications applications, CustomerAccounts customerAccounts, Sessions sessions,
                             TokenCodec codec, TokenIdGenerator tokenIds, Clock clock, TokenSettings settings) {
        this(applications, customerAccounts, sessions, codec, tokenIds, clock, settings, AuditEvents.NONE);
    }

    /**
     * A service that reports {@code session_started} for every session it begins.
     *
     * @param applications     the applications' store, not null
     * @param customerAccounts the customer accounts' store, not null
     * @param sessions         the sessions' store, not null
     * @param codec            signs the first token, not null
     * @param tokenIds         makes the first token's {@code jti}, not null
     * @param clock            the time of the login, not null
     * @param settings         the issuer, subject hash and lifetimes, not null
     * @param audit            where the events go, not null
     * @throws NullPointerException if an argument is null
     */
    public IssueTokenService(Applications applications, CustomerAccounts customerAccounts, Sessions sessions,
                             TokenCodec codec, TokenIdGenerator tokenIds, Clock clock, TokenSettings settings,
                             AuditEvents audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.customerAccounts = Objects.requireNonNull(customerAccounts, "customerAccounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.tokenIds = Objects.requireNonNull(tokenIds, "tokenIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public TokenGrant issue(IssueTokenCommand command) {
        return issueAll(command, 1).get(0);
    }

    @Override
    public List<TokenGrant> issueAll(IssueTokenCommand command, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        return issueAll(Collections.nCopies(count, command));
    }

    @Override
    public List<TokenGrant> issueAll(List<IssueTokenCommand> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("at least one command is needed");
        }
        // every command is checked before any session is begun; each application and customer is read once
        Map<ApplicationKey, Application> applicationsByKey = new HashMap<>();
        Map<CustomerId, CustomerAccount> accountsById = new HashMap<>();
        for (IssueTokenCommand command : commands) {
            applicationsByKey.computeIfAbsent(command.applicationKey(), key -> applications.findByKey(key)
                    .filter(Application::enabled)
                    .orElseThrow(() -> new TokenRefusedException(Refusal.APPLICATION_UNKNOWN)));
            accountsById.computeIfAbsent(command.customerId(), this::activeAccount);
        }
        // Tokens carry whole seconds; the session's start must equal the iat its tokens carry.
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        RotationPolicy policy = settings.policy();
        List<Session> begun = new ArrayList<>(commands.size());
        List<TokenGrant> grants = new ArrayList<>(commands.size());
        for (IssueTokenCommand command : commands) {
            Application application = applicationsByKey.get(command.applicationKey());
            CustomerAccount account = accountsById.get(command.customerId());
            String device = command.deviceUuid() == null ? null : command.deviceUuid().value();
            SessionId sessionId = sessions.nextId();
            String jti = tokenIds.newTokenId(startedAt);
            TokenClaims claims = policy.firstClaims(settings.loginIssuer(), jti, account.id(), settings.subjectHash(),
                    application.id(), sessionId, startedAt, command.dpopJkt());
            begun.add(Session.begin(sessionId, account.id(), application.id(), device, startedAt, jti,
                    command.dpopJkt()));
            grants.add(new TokenGrant(account, codec.sign(claims), policy.ttlMinutes(), policy.refreshTtlMinutes()));
        }
        sessions.createAll(begun);
        for (Session session : begun) {
            audit.record(new AuditEvent(AuditEvent.Type.SESSION_STARTED, startedAt, session.id(), session.customerId(),
                    session.applicationId(), null, null, 1));
        }
        return grants;
    }

    private CustomerAccount activeAccount(CustomerId id) {
        CustomerAccount account = customerAccounts.find(id)
                .orElseThrow(() -> new TokenRefusedException(Refusal.CUSTOMER_NOT_FOUND));
        if (!account.isActive()) {
            throw new TokenRefusedException(Refusal.CUSTOMER_INACTIVE);
        }
        return account;
    }
}
