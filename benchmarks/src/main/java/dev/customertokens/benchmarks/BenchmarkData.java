package dev.customertokens.benchmarks;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.IssueTokenUseCase;
import dev.customertokens.application.port.in.ImportCustomersUseCase;
import dev.customertokens.application.port.in.RegisterApplicationUseCase;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.KeyThumbprint;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's world: one application, customers with a few sessions each (their devices), begun in bulk. */
final class BenchmarkData {

    static final ApplicationKey KEY = ApplicationKey.of("0123456789abcdef0123456789abcdef");
    static final String SECRET = "benchmark-secret-that-is-long-enough-for-hs256";
    /**
     * Sessions per customer, as people have a phone, a tablet, a laptop: a million sessions are 250,000
     * customers. (Earlier runs gave each customer a thousand sessions, which no one has, and which let
     * PostgreSQL's planner, before its first ANALYZE, prefer the index by customer to the primary key.)
     */
    static final int SESSIONS_PER_CUSTOMER = 4;
    private static final int BATCH = 50_000;

    private BenchmarkData() {
    }

    /**
     * Registers the application and customers, begins {@code sessions} sessions, writes their tokens a line each.
     *
     * @param dpopJkt the client key every session is bound to, or null for sessions bound to none
     */
    static void seed(RegisterApplicationUseCase applications, ImportCustomersUseCase customers, IssueTokenUseCase issue,
                     int sessions, Path tokensFile, KeyThumbprint dpopJkt) throws IOException {
        applications.register(new Application(ApplicationId.of(15), KEY, "benchmark", true));
        int customerCount = (sessions + SESSIONS_PER_CUSTOMER - 1) / SESSIONS_PER_CUSTOMER;
        List<CustomerAccount> accounts = new ArrayList<>();
        for (int c = 0; c < customerCount; c++) {
            accounts.add(new CustomerAccount(CustomerId.of("bench-" + c), 1, "Bench", "Mark", "bench" + c + "@example.com",
                    true, "+381111111111", "en", 1, "[]", 3, 3, false, false, false));
        }
        customers.importAccounts(accounts);
        try (BufferedWriter out = Files.newBufferedWriter(tokensFile, StandardCharsets.US_ASCII)) {
            List<IssueTokenCommand> batch = new ArrayList<>(BATCH);
            for (int session = 0; session < sessions; session++) {
                batch.add(new IssueTokenCommand(accounts.get(session / SESSIONS_PER_CUSTOMER).id(), KEY, null, dpopJkt));
                if (batch.size() == BATCH || session == sessions - 1) {
                    for (TokenGrant grant : issue.issueAll(batch)) {
                        out.write(grant.token());
                        out.newLine();
                    }
                    batch.clear();
                }
            }
        }
    }
}
