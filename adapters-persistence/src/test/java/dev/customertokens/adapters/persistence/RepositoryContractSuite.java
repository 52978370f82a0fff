package dev.customertokens.adapters.persistence;

import dev.customertokens.adapters.persistence.h2.H2Urls;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.testkit.ApplicationsContract;
import dev.customertokens.testkit.CustomerAccountsContract;
import dev.customertokens.testkit.SessionsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application's repository contracts, run against one {@link Database}, opened once for the class
 * on the settings a subclass names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepositoryContractSuite {

    private DatabaseSettings settings;
    private Database database;

    /** Called once, before the first test. */
    abstract DatabaseSettings databaseToTest();

    @BeforeAll
    void open() {
        settings = databaseToTest();
        database = Database.open(settings);
    }

    @AfterAll
    void close() {
        database.close();
    }

    DatabaseSettings settings() {
        return settings;
    }

    Database database() {
        return database;
    }

    /** Empties a table behind the adapter's back, over a connection of its own. */
    void empty(String table) {
        DatabaseSettings settings = settings();
        try (Connection connection = DriverManager.getConnection(H2Urls.effective(settings.jdbcUrl()), settings.user(),
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

        @Override
        protected CustomerAccounts customerAccounts() {
            return database().customerAccounts();
        }
    }
}
