package dev.customertokens.testkit;

import dev.customertokens.application.port.out.ApplicationKeyTakenException;
import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cases every {@link Applications} implementation passes. A subclass returns the store under test
 * from {@link #applications()}, empty at the start of each test.
 */
public abstract class ApplicationsContract {

    private static final ApplicationKey KEY_A = ApplicationKey.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final ApplicationKey KEY_B = ApplicationKey.of("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    /**
     * The store under test; the same instance for the whole test, holding no application when it begins.
     *
     * @return the store under test
     */
    protected abstract Applications applications();

    @Test
    void an_unknown_key_finds_nothing() {
        assertThat(applications().findByKey(KEY_A)).isEmpty();
    }

    @Test
    void a_saved_application_is_found_by_its_key_field_for_field() {
        Application shop = new Application(ApplicationId.of(15), KEY_A, "Web shop", true);
        Application disabled = new Application(ApplicationId.of(16), KEY_B, "Old app", false);

        applications().save(shop);
        applications().save(disabled);

        assertThat(applications().findByKey(KEY_A)).contains(shop);
        assertThat(applications().findByKey(KEY_B)).contains(disabled);
    }

    @Test
    void saving_the_same_id_again_replaces_name_and_enabled() {
        applications().save(new Application(ApplicationId.of(15), KEY_A, "Web shop", true));
        Application renamed = new Application(ApplicationId.of(15), KEY_A, "Web shop (closed)", false);

        applications().save(renamed);

        assertThat(applications().findByKey(KEY_A)).contains(renamed);
    }

    @Test
    void re_saving_an_application_with_a_new_key_frees_the_old_key() {
        applications().save(new Application(ApplicationId.of(15), KEY_A, "Web shop", true));
        Application rekeyed = new Application(ApplicationId.of(15), KEY_B, "Web shop", true);

        applications().save(rekeyed);

        assertThat(applications().findByKey(KEY_A)).isEmpty();
        assertThat(applications().findByKey(KEY_B)).contains(rekeyed);
    }

    @Test
    void a_key_held_by_another_application_is_refused_naming_the_holder_and_nothing_changes() {
        Application holder = new Application(ApplicationId.of(15), KEY_A, "Web shop", true);
        applications().save(holder);
        Application other = new Application(ApplicationId.of(16), KEY_B, "Mobile app", true);
        applications().save(other);

        assertThatThrownBy(() -> applications().save(new Application(ApplicationId.of(17), KEY_A, "Taker", true)))
                .isInstanceOfSatisfying(ApplicationKeyTakenException.class,
                        e -> assertThat(e.holder()).isEqualTo(ApplicationId.of(15)));
        assertThatThrownBy(() -> applications().save(new Application(ApplicationId.of(16), KEY_A, "Mobile app", false)))
                .isInstanceOfSatisfying(ApplicationKeyTakenException.class,
                        e -> assertThat(e.holder()).isEqualTo(ApplicationId.of(15)));

        assertThat(applications().findByKey(KEY_A)).contains(holder);
        assertThat(applications().findByKey(KEY_B)).contains(other);
    }

    @Test
    void concurrent_saves_of_one_new_application_all_succeed_and_one_row_results() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> saves = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "Racer " + i;
                saves.add(pool.submit(() -> {
                    start.await();
                    applications().save(new Application(ApplicationId.of(42), KEY_A, name, true));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> save : saves) {
                save.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(applications().findByKey(KEY_A).orElseThrow().id()).isEqualTo(ApplicationId.of(42));
    }
}
