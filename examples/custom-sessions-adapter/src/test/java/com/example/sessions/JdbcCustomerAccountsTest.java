package com.example.sessions;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.testkit.CustomerAccountsContract;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Every case of the testkit's {@link CustomerAccountsContract}; each begins with no account, as it asks. */
class JdbcCustomerAccountsTest extends CustomerAccountsContract {

    private static final DataSource DATABASE = H2InMemory.withSchema("customer-accounts-contract");
    private static final JdbcCustomerAccounts CUSTOMER_ACCOUNTS = new JdbcCustomerAccounts(DATABASE);

    @BeforeEach
    void startWithNoAccount() throws SQLException {
        try (Connection connection = DATABASE.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM customer_accounts");
        }
    }

    @Override
    protected CustomerAccounts customerAccounts() {
        return CUSTOMER_ACCOUNTS;
    }
}
