package dev.customertokens.adapters.persistence;

import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import org.jdbi.v3.core.mapper.RowMapper;

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

    static final RowMapper<CustomerAccountRow> MAPPER = (rs, ctx) -> new CustomerAccountRow(
            rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
            rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getInt(11), rs.getInt(12),
            rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15));

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
