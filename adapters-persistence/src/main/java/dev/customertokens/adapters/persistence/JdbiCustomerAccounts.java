package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import org.jdbi.v3.core.statement.Update;

import java.util.Optional;

/** The customer accounts in the {@code customer_accounts} table. */
final class JdbiCustomerAccounts implements CustomerAccounts {

    private static final String FIND = "SELECT " + CustomerAccountRow.COLUMNS + " FROM customer_accounts WHERE id = :id";
    private static final String UPDATE = "UPDATE customer_accounts SET type_id = :typeId, first_name = :firstName, "
            + "last_name = :lastName, email = :email, confirmed = :confirmed, phone_number = :phoneNumber, locale = :locale, "
            + "state = :state, demographics = :demographics, optin_status_email = :optinStatusEmail, "
            + "optin_status_pn = :optinStatusPn, has_pending_email_change = :hasPendingEmailChange, "
            + "has_pending_phone_number_change = :hasPendingPhoneNumberChange, is_social = :isSocial WHERE id = :id";
    private static final String INSERT = "INSERT INTO customer_accounts (" + CustomerAccountRow.COLUMNS + ") VALUES "
            + "(:id, :typeId, :firstName, :lastName, :email, :confirmed, :phoneNumber, :locale, :state, :demographics, "
            + ":optinStatusEmail, :optinStatusPn, :hasPendingEmailChange, :hasPendingPhoneNumberChange, :isSocial)";
    private static final String DELETE = "DELETE FROM customer_accounts WHERE id = :id";

    private final Storage storage;

    JdbiCustomerAccounts(Storage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<CustomerAccount> find(CustomerId id) {
        return storage.withHandle(handle -> handle.createQuery(FIND)
                .bind("id", id.value())
                .map(CustomerAccountRow.MAPPER)
                .findOne()
                .map(CustomerAccountRow::toDomain));
    }

    @Override
    public void save(CustomerAccount account) {
        CustomerAccountRow row = CustomerAccountRow.from(account);
        storage.writeInTransaction(handle -> {
            if (bindAll(handle.createUpdate(UPDATE), row).execute() == 0) {
                bindAll(handle.createUpdate(INSERT), row).execute();
            }
            return null;
        });
    }

    @Override
    public boolean delete(CustomerId id) {
        return storage.write(handle -> handle.createUpdate(DELETE).bind("id", id.value()).execute() > 0);
    }

    private static Update bindAll(Update update, CustomerAccountRow row) {
        return update
                .bind("id", row.id())
                .bind("typeId", row.typeId())
                .bind("firstName", row.firstName())
                .bind("lastName", row.lastName())
                .bind("email", row.email())
                .bind("confirmed", row.confirmed())
                .bind("phoneNumber", row.phoneNumber())
                .bind("locale", row.locale())
                .bind("state", row.state())
                .bind("demographics", row.demographics())
                .bind("optinStatusEmail", row.optinStatusEmail())
                .bind("optinStatusPn", row.optinStatusPn())
                .bind("hasPendingEmailChange", row.hasPendingEmailChange())
                .bind("hasPendingPhoneNumberChange", row.hasPendingPhoneNumberChange())
                .bind("isSocial", row.isSocial());
    }
}
