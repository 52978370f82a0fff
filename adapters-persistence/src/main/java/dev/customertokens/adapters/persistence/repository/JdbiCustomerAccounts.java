package dev.customertokens.adapters.persistence.repository;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;

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
    private final String positionalUpsert;

    public JdbiCustomerAccounts(Storage storage, Dialect dialect) {
        this.storage = storage;
        this.positionalUpsert = dialect.upsert("customer_accounts", CustomerAccountRow.COLUMNS).replaceAll(":\\w+", "?");
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
        saveAll(List.of(account));
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
}
