package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A row of {@code customer_accounts}; {@code demographics} is the JSON array text as imported. */
record CustomerAccountRow(
        String id,
        int typeId,
        String firstName,
        String lastName,
        String email,
        boolean confirmed,
        String phoneNumber,
        String locale,
        int state,
        String demographics,
        int optinStatusEmail,
        int optinStatusPn,
        boolean hasPendingEmailChange,
        boolean hasPendingPhoneNumberChange,
        boolean isSocial) {

    static final String COLUMNS = "id, type_id, first_name, last_name, email, confirmed, phone_number, locale, state, "
            + "demographics, optin_status_email, optin_status_pn, has_pending_email_change, "
            + "has_pending_phone_number_change, is_social";

    static final RowMapper<CustomerAccountRow> MAPPER = (rs, ctx) -> read(rs, 1);

    /**
     * Reads the {@link #COLUMNS}, in that order, starting at column {@code first}; null when that column
     * is null (the side of an outer join that found no account).
     */
    static CustomerAccountRow read(ResultSet rs, int first) throws SQLException {
        String id = rs.getString(first);
        if (id == null) {
            return null;
        }
        int c = first;
        return new CustomerAccountRow(id, rs.getInt(c + 1), rs.getString(c + 2), rs.getString(c + 3),
                rs.getString(c + 4), rs.getBoolean(c + 5), rs.getString(c + 6), rs.getString(c + 7), rs.getInt(c + 8),
                rs.getString(c + 9), rs.getInt(c + 10), rs.getInt(c + 11), rs.getBoolean(c + 12),
                rs.getBoolean(c + 13), rs.getBoolean(c + 14));
    }

    /** Binds the {@link #COLUMNS}, in that order, to the parameters 1 to 15. */
    void bindTo(PreparedStatement statement) throws SQLException {
        statement.setString(1, id);
        statement.setInt(2, typeId);
        statement.setString(3, firstName);
        statement.setString(4, lastName);
        statement.setString(5, email);
        statement.setBoolean(6, confirmed);
        statement.setString(7, phoneNumber);
        statement.setString(8, locale);
        statement.setInt(9, state);
        statement.setString(10, demographics);
        statement.setInt(11, optinStatusEmail);
        statement.setInt(12, optinStatusPn);
        statement.setBoolean(13, hasPendingEmailChange);
        statement.setBoolean(14, hasPendingPhoneNumberChange);
        statement.setBoolean(15, isSocial);
    }

    static CustomerAccountRow from(CustomerAccount account) {
        return new CustomerAccountRow(account.id().value(), account.typeId(), account.firstName(), account.lastName(),
                account.email(), account.confirmed(), account.phoneNumber(), account.locale(), account.state(),
                account.demographicsJson(), account.optinStatusEmail(), account.optinStatusPn(),
                account.hasPendingEmailChange(), account.hasPendingPhoneNumberChange(), account.isSocial());
    }

    CustomerAccount toDomain() {
        return new CustomerAccount(CustomerId.of(id), typeId, firstName, lastName, email, confirmed, phoneNumber, locale,
                state, demographics, optinStatusEmail, optinStatusPn, hasPendingEmailChange, hasPendingPhoneNumberChange,
                isSocial);
    }
}
