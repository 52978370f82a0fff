package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.testing.ApplicationsContract;
import dev.customertokens.application.testing.CustomerAccountsContract;
import dev.customertokens.application.testing.SessionsContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application's repository contracts, run against one {@link Database}. A subclass opens it once
 * for the class and names it in {@link #settings()} and {@link #database()}.
 */
abstract class RepositoryContractSuite {

    abstract DatabaseSettings settings();

    abstract Database database();

    /** Empties a table behind the adapter's back, over a connection of its own. */
    void empty(String table) {
        DatabaseSettings settings = settings();
        try (Connection connection = DriverManager.getConnection(JdbcUrls.effective(settings.jdbcUrl()), settings.user(),
                settings.password()); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class ApplicationsTest extends ApplicationsContract {
        @BeforeEach
        void startEmpty() {
            empty("applications");
        }

        @Override
        protected Applications applications() {
            return database().applications();
        }
    }

    @Nested
    class CustomerAccountsTest extends CustomerAccountsContract {
        @BeforeEach
        void startEmpty() {
            empty("customer_accounts");
        }

        @Override
        protected CustomerAccounts customerAccounts() {
            return database().customerAccounts();
        }
    }

    @Nested
    class SessionsTest extends SessionsContract {
        @Override
        protected Sessions sessions() {
            return database().sessions();
        }
    }
}
