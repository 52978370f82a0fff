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

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's world: one application, customers with many sessions each, begun in bulk. */
final class BenchmarkData {

    static final ApplicationKey KEY = ApplicationKey.of("0123456789abcdef0123456789abcdef");
    static final String SECRET = "benchmark-secret-that-is-long-enough-for-hs256";
    /** Sessions per customer: a million sessions are a thousand customers' worth. */
    static final int SESSIONS_PER_CUSTOMER = 1_000;
    private static final int BATCH = 10_000;

    private BenchmarkData() {
    }

    /** Registers the application and customers, begins {@code sessions} sessions, writes their tokens a line each. */
    static void seed(RegisterApplicationUseCase applications, ImportCustomersUseCase customers, IssueTokenUseCase issue,
                     int sessions, Path tokensFile) throws IOException {
        applications.register(new Application(ApplicationId.of(15), KEY, "benchmark", true));
        int customerCount = (sessions + SESSIONS_PER_CUSTOMER - 1) / SESSIONS_PER_CUSTOMER;
        List<CustomerAccount> accounts = new ArrayList<>();
        for (int c = 0; c < customerCount; c++) {
            accounts.add(new CustomerAccount(CustomerId.of("bench-" + c), 1, "Bench", "Mark", "bench" + c + "@example.com",
                    true, "+381111111111", "en", 1, "[]", 3, 3, false, false, false));
        }
        customers.importAccounts(accounts);
        try (BufferedWriter out = Files.newBufferedWriter(tokensFile, StandardCharsets.US_ASCII)) {
            int begun = 0;
            for (int c = 0; c < customerCount && begun < sessions; c++) {
                int ofThisCustomer = Math.min(SESSIONS_PER_CUSTOMER, sessions - begun);
                for (int done = 0; done < ofThisCustomer; ) {
                    int count = Math.min(BATCH, ofThisCustomer - done);
                    for (TokenGrant grant : issue.issueAll(new IssueTokenCommand(accounts.get(c).id(), KEY, null), count)) {
                        out.write(grant.token());
                        out.newLine();
                    }
                    done += count;
                }
                begun += ofThisCustomer;
            }
        }
    }
}
