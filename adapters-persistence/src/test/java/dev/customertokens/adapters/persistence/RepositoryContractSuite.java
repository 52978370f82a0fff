package dev.customertokens.adapters.persistence;

import dev.customertokens.adapters.persistence.h2.H2Urls;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.application.port.out.DpopProofReplays;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.testkit.ApplicationsContract;
import dev.customertokens.testkit.CustomerAccountsContract;
import dev.customertokens.testkit.DpopProofReplaysContract;
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
 * on the settings a subclass names: a URL the adapter pools, or a host's DataSource.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepositoryContractSuite {

    private DatabaseSettings settings;
    private Database database;

    /** Called once, before the first test. */
    abstract DatabaseSettings databaseToTest();

    /** Called once, after the last test and after the database closed: what the subclass opened for it. */
    void closeWhatTheDatabaseUsed() {
    }

    @BeforeAll
    void open() {
        settings = databaseToTest();
        database = Database.open(settings);
    }

    @AfterAll
    void close() {
        try {
            database.close();
        } finally {
            closeWhatTheDatabaseUsed();
        }
    }

    DatabaseSettings settings() {
        return settings;
    }

    Database database() {
        return database;
    }

    /** Empties a table behind the adapter's back, over a connection of its own (or of the host's). */
    void empty(String table) {
        try (Connection connection = connectionOfItsOwn(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connectionOfItsOwn() throws SQLException {
        DatabaseSettings settings = settings();
        if (settings.dataSource() != null) {
            return settings.dataSource().getConnection();
        }
        return DriverManager.getConnection(H2Urls.effective(settings.jdbcUrl()), settings.user(), settings.password());
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
    class DpopProofReplaysTest extends DpopProofReplaysContract {
        @Override
        protected DpopProofReplays replays() {
            return database().dpopProofReplays();
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
