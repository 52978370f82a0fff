package dev.customertokens.application;

import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.testing.ApplicationsContract;
import dev.customertokens.application.testing.CustomerAccountsContract;
import dev.customertokens.application.testing.InMemoryApplications;
import dev.customertokens.application.testing.InMemoryCustomerAccounts;
import dev.customertokens.application.testing.InMemorySessions;
import dev.customertokens.application.testing.SessionsContract;
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
