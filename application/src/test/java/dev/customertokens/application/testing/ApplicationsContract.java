package dev.customertokens.application.testing;

import dev.customertokens.application.port.out.Applications;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases every {@link Applications} implementation passes. A subclass returns the store under test
 * from {@link #applications()}, empty at the start of each test.
 */
public abstract class ApplicationsContract {

    private static final ApplicationKey KEY_A = ApplicationKey.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final ApplicationKey KEY_B = ApplicationKey.of("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    /** The store under test; the same instance for the whole test, holding no application when it begins. */
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
    void a_key_belongs_to_one_application_only_the_last_one_saved_with_it() {
        applications().save(new Application(ApplicationId.of(15), KEY_A, "Web shop", true));
        Application taker = new Application(ApplicationId.of(16), KEY_A, "Mobile app", true);

        applications().save(taker);

        assertThat(applications().findByKey(KEY_A)).contains(taker);
    }
}
