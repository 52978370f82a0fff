package com.example.sessions;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.testkit.SessionsContract;

import javax.sql.DataSource;

/**
 * Every case of the testkit's {@link SessionsContract}, on one database for the whole class: the contract
 * allows sessions of earlier tests to stay, as a shared test database would keep them.
 */
class JdbcSessionsTest extends SessionsContract {

    private static final DataSource DATABASE = H2InMemory.withSchema("sessions-contract");
    private static final JdbcCustomerAccounts CUSTOMER_ACCOUNTS = new JdbcCustomerAccounts(DATABASE);
    private static final JdbcSessions SESSIONS = new JdbcSessions(DATABASE);

    @Override
    protected Sessions sessions() {
        return SESSIONS;
    }

    /** The accounts that the refresh read joins: the same database as the sessions. */
    @Override
    protected CustomerAccounts customerAccounts() {
        return CUSTOMER_ACCOUNTS;
    }
}
