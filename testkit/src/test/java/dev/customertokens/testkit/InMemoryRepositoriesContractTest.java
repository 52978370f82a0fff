package dev.customertokens.testkit;

import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.testkit.ApplicationsContract;
import dev.customertokens.testkit.CustomerAccountsContract;
import dev.customertokens.testkit.InMemoryApplications;
import dev.customertokens.testkit.InMemoryCustomerAccounts;
import dev.customertokens.testkit.InMemorySessions;
import dev.customertokens.testkit.SessionsContract;
import org.junit.jupiter.api.Nested;

/** The in-memory test doubles pass the same repository contract as the database adapters. */
class InMemoryRepositoriesContractTest {

    @Nested
    class InMemoryApplicationsTest extends ApplicationsContract {
        private final InMemoryApplications applications = new InMemoryApplications();

        @Override
        protected Applications applications() {
            return applications;
        }
    }

    @Nested
    class InMemoryCustomerAccountsTest extends CustomerAccountsContract {
        private final InMemoryCustomerAccounts customerAccounts = new InMemoryCustomerAccounts();

        @Override
        protected CustomerAccounts customerAccounts() {
            return customerAccounts;
        }
    }

    @Nested
    class InMemorySessionsTest extends SessionsContract {
        private final InMemoryCustomerAccounts customerAccounts = new InMemoryCustomerAccounts();
        private final InMemorySessions sessions = new InMemorySessions(customerAccounts);

        @Override
        protected Sessions sessions() {
            return sessions;
        }

        @Override
        protected CustomerAccounts customerAccounts() {
            return customerAccounts;
        }
    }
}
