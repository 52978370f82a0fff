package com.example.sessions;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The customer accounts in the {@code customer_accounts} table, read fresh on every call. It shares the
 * database of {@link JdbcSessions}, whose refresh read joins this table.
 */
public final class JdbcCustomerAccounts implements CustomerAccounts {

    /** The columns {@link #read} maps, of {@code customer_accounts} aliased {@code a}. */
    static final String COLUMNS = "a.id AS account_id, a.type_id, a.first_name, a.last_name, a.email, a.confirmed, "
            + "a.phone_number, a.locale, a.state, a.demographics, a.optin_status_email, a.optin_status_pn, "
            + "a.has_pending_email_change, a.has_pending_phone_number_change, a.is_social";

    private static final String FIND = "SELECT " + COLUMNS + " FROM customer_accounts a WHERE a.id = ?";

    // UPDATE and INSERT bind the same parameters in the same order (see bind): every field, then the id.
    private static final String UPDATE = """
            UPDATE customer_accounts
               SET type_id = ?, first_name = ?, last_name = ?, email = ?, confirmed = ?, phone_number = ?,
                   locale = ?, state = ?, demographics = ?, optin_status_email = ?, optin_status_pn = ?,
                   has_pending_email_change = ?, has_pending_phone_number_change = ?, is_social = ?
             WHERE id = ?""";
    private static final String INSERT = """
            INSERT INTO customer_accounts (type_id, first_name, last_name, email, confirmed, phone_number,
                   locale, state, demographics, optin_status_email, optin_status_pn,
                   has_pending_email_change, has_pending_phone_number_change, is_social, id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String DELETE = "DELETE FROM customer_accounts WHERE id = ?";

    /** The SQLSTATE of a unique-key violation, the same on H2, PostgreSQL and most others. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbc jdbc;

    public JdbcCustomerAccounts(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Optional<CustomerAccount> find(CustomerId id) {
        return jdbc.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND)) {
                statement.setString(1, id.value());
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    /**
     * An upsert that any SQL database runs: update, else insert; when a concurrent save inserted the same
     * id first, update again (the later write wins, as with any replace).
     */
    @Override
    public void save(CustomerAccount account) {
        jdbc.write(connection -> {
            if (execute(connection, UPDATE, account) == 0 && !inserted(connection, account)) {
                execute(connection, UPDATE, account);
            }
            return null;
        });
    }

    @Override
    public boolean delete(CustomerId id) {
        return jdbc.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(DELETE)) {
                statement.setString(1, id.value());
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** The account of the current row, or null where a LEFT JOIN found none. */
    static CustomerAccount read(ResultSet row) throws SQLException {
        String id = row.getString("account_id");
        if (id == null) {
            return null;
        }
        return new CustomerAccount(CustomerId.of(id), row.getInt("type_id"), row.getString("first_name"),
                row.getString("last_name"), row.getString("email"), row.getBoolean("confirmed"),
                row.getString("phone_number"), row.getString("locale"), row.getInt("state"),
                row.getString("demographics"), row.getInt("optin_status_email"), row.getInt("optin_status_pn"),
                row.getBoolean("has_pending_email_change"), row.getBoolean("has_pending_phone_number_change"),
                row.getBoolean("is_social"));
    }

    private static boolean inserted(Connection connection, CustomerAccount account) throws SQLException {
        try {
            execute(connection, INSERT, account);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static int execute(Connection connection, String sql, CustomerAccount account) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, account.typeId());
            Jdbc.setNullableString(statement, 2, account.firstName());
            Jdbc.setNullableString(statement, 3, account.lastName());
            Jdbc.setNullableString(statement, 4, account.email());
            statement.setBoolean(5, account.confirmed());
            Jdbc.setNullableString(statement, 6, account.phoneNumber());
            Jdbc.setNullableString(statement, 7, account.locale());
            statement.setInt(8, account.state());
            statement.setString(9, account.demographicsJson());
            statement.setInt(10, account.optinStatusEmail());
            statement.setInt(11, account.optinStatusPn());
            statement.setBoolean(12, account.hasPendingEmailChange());
            statement.setBoolean(13, account.hasPendingPhoneNumberChange());
            statement.setBoolean(14, account.isSocial());
            statement.setString(15, account.id().value());
            return statement.executeUpdate();
        }
    }
}
