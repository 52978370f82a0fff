package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.application.port.out.StorageUnavailableException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Gives an embedded H2 file database the password it is now opened with, when it was created with another one (the
 * empty password of databases created before the data folder kept a credential). Only the owner of the data folder
 * knows either, so whoever opens it with the former password may set the new one.
 */
public final class H2Passwords {

    /** H2's "Wrong user name or password". */
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    private H2Passwords() {
    }

    /**
     * Opens the database with {@code password}, having first given it that password if it still had
     * {@code formerPassword}.
     *
     * @return a connection with the new password; the database stays open while it is, so that the caller can
     *         open its pool before closing it: H2 closes a file database with its last connection, and would
     *         compact, close and open the file again
     */
    public static Connection adopt(String url, String user, String password, String formerPassword) {
        Objects.requireNonNull(formerPassword, "formerPassword");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        try {
            return DriverManager.getConnection(url, user, password); // a new database, or one that has it already
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                throw new StorageUnavailableException("the database cannot be opened: " + e.getMessage(), e);
            }
        }
        try (Connection connection = DriverManager.getConnection(url, user, formerPassword);
             Statement statement = connection.createStatement();
             ResultSet current = statement.executeQuery("SELECT CURRENT_USER")) {
            current.next();
            String name = current.getString(1).replace("\"", "\"\"");
            try (PreparedStatement alter = connection.prepareStatement("ALTER USER \"" + name + "\" SET PASSWORD ?")) {
                alter.setString(1, password);
                alter.execute();
            }
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            // neither works: the message must not say which of the two passwords is wrong, nor show either
            throw new StorageUnavailableException("the database refuses its credentials (" + e.getErrorCode()
                    + "); is the password file in the data folder the one it was created with?", e);
        }
    }
}
