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

    public static void adopt(String url, String user, String password, String formerPassword) {
        Objects.requireNonNull(formerPassword, "formerPassword");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return; // a new database (created now, with this password) or one that has it already
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
        } catch (SQLException e) {
            // neither works: the message must not say which of the two passwords is wrong, nor show either
            throw new StorageUnavailableException("the database refuses its credentials (" + e.getErrorCode()
                    + "); is the password file in the data folder the one it was created with?", e);
        }
    }
}
