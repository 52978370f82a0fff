package dev.customertokens.testkit;

import dev.customertokens.application.port.out.CustomerAccounts;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases every {@link CustomerAccounts} implementation passes. A subclass returns the store under test
 * from {@link #customerAccounts()}, empty at the start of each test.
 */
public abstract class CustomerAccountsContract {

    /**
     * The store under test; the same instance for the whole test, holding no account when it begins.
     *
     * @return the store under test
     */
    protected abstract CustomerAccounts customerAccounts();

    @Test
    void an_unknown_id_finds_nothing() {
        assertThat(customerAccounts().find(CustomerId.of("nobody"))).isEmpty();
    }

    @Test
    void a_saved_account_is_found_field_for_field() {
        customerAccounts().save(DemoData.ivan());

        assertThat(customerAccounts().find(DemoData.IVAN_ID)).contains(DemoData.ivan());
    }

    @Test
    void demographics_come_back_exactly_as_saved() {
        String compact = "[{\"k\":\"v\",\"n\":1}]";
        String spaced = "[ {\"key\": \"age_group\", \"value\": \"25-34\", \"score\": 1.50, \"name\": \"Đorđe ž\"} ]";
        customerAccounts().save(withDemographics("compact", compact));
        customerAccounts().save(withDemographics("spaced", spaced));

        assertThat(customerAccounts().find(CustomerId.of("compact")).orElseThrow().demographicsJson()).isEqualTo(compact);
        assertThat(customerAccounts().find(CustomerId.of("spaced")).orElseThrow().demographicsJson()).isEqualTo(spaced);
    }

    @Test
    void absent_optional_fields_come_back_absent() {
        CustomerAccount sparse = new CustomerAccount(CustomerId.of("sparse-1"), 2, "Ana", null, "ana@example.com", false,
                null, "sr", 0, "[]", 1, 2, false, true, false);

        customerAccounts().save(sparse);

        CustomerAccount found = customerAccounts().find(sparse.id()).orElseThrow();
        assertThat(found).isEqualTo(sparse);
        assertThat(found.lastName()).isNull();
        assertThat(found.phoneNumber()).isNull();
    }

    @Test
    void concurrent_imports_of_the_same_new_accounts_all_succeed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> imports = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int racer = i;
                imports.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 20; n++) {
                        customerAccounts().save(new CustomerAccount(CustomerId.of("racer-" + n), 1, "Racer " + racer, null,
                                null, true, null, "en", 1, "[]", 0, 0, false, false, false));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> done : imports) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int n = 0; n < 20; n++) {
            assertThat(customerAccounts().find(CustomerId.of("racer-" + n)).orElseThrow().firstName()).startsWith("Racer ");
        }
    }

    @Test
    void saving_the_same_id_again_replaces_every_field() {
        customerAccounts().save(DemoData.ivan());
        CustomerAccount changed = new CustomerAccount(DemoData.IVAN_ID, 2, "Ivan", "Jovanovic", "ivan@example.org", false,
                null, "sr", 2, "[{\"k\":\"v\"}]", 1, 1, false, false, false);

        customerAccounts().save(changed);

        assertThat(customerAccounts().find(DemoData.IVAN_ID)).contains(changed);
    }

    @Test
    void delete_removes_the_account_once() {
        customerAccounts().save(DemoData.ivan());
        customerAccounts().save(DemoData.customer("keeper", 1));

        assertThat(customerAccounts().delete(DemoData.IVAN_ID)).isTrue();
        assertThat(customerAccounts().delete(DemoData.IVAN_ID)).isFalse();

        assertThat(customerAccounts().find(DemoData.IVAN_ID)).isEmpty();
        assertThat(customerAccounts().find(CustomerId.of("keeper"))).contains(DemoData.customer("keeper", 1));
    }

    @Test
    void deleting_an_unknown_account_reports_nothing_deleted() {
        assertThat(customerAccounts().delete(CustomerId.of("nobody"))).isFalse();
    }

    private static CustomerAccount withDemographics(String id, String demographics) {
        return new CustomerAccount(CustomerId.of(id), 1, "Ana", "Petrovic", id + "@example.com", true,
                "+381600000000", "sr", 1, demographics, 3, 3, false, false, false);
    }
}
