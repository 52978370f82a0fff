package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import org.jdbi.v3.core.statement.Update;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The customer accounts in the {@code customer_accounts} table; a save is one upsert statement, a
 * {@link #saveAll} one JDBC batch of them in one transaction, in the order of the ids so that two imports
 * at once take their rows' locks in the same order.
 */
public final class JdbiCustomerAccounts implements CustomerAccounts {

    private static final String FIND = "SELECT " + CustomerAccountRow.COLUMNS + " FROM customer_accounts WHERE id = :id";
    private static final String DELETE = "DELETE FROM customer_accounts WHERE id = :id";

    private final Storage storage;
    private final String upsert;
    private final String positionalUpsert;

    public JdbiCustomerAccounts(Storage storage, Dialect dialect) {
        this.storage = storage;
        this.upsert = dialect.upsert("customer_accounts", CustomerAccountRow.COLUMNS);
        this.positionalUpsert = upsert.replaceAll(":\\w+", "?");
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
        retryingRacedInserts(() -> storage.write(handle -> bindAll(handle.createUpdate(upsert), row).execute()));
    }

    @Override
    public void saveAll(List<CustomerAccount> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        // a stable sort: of an id given twice, the later one is still written last
        List<CustomerAccountRow> rows = accounts.stream().map(CustomerAccountRow::from)
                .sorted(Comparator.comparing(CustomerAccountRow::id)).toList();
        // plain JDBC: JDBI's named binding costs as much again as the database's work, row for row
        retryingRacedInserts(() -> storage.writeInTransaction(handle -> {
            try (PreparedStatement batch = handle.getConnection().prepareStatement(positionalUpsert)) {
                for (CustomerAccountRow row : rows) {
                    row.bindTo(batch);
                    batch.addBatch();
                }
                return batch.executeBatch();
            } catch (SQLException e) {
                throw new JdbcFailure(e);
            }
        }));
    }

    private static void retryingRacedInserts(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                // only H2's MERGE of one new id by two imports at once: the retry finds the row and updates it
                if (!UniqueViolation.isCause(e) || attempt == UniqueViolation.ATTEMPTS) {
                    throw e;
                }
            }
        }
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
