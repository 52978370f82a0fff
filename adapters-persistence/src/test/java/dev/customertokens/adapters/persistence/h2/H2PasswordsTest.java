package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.testkit.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded database's server port needs a credential (CONTRACT 2.5), also for databases made without one. */
class H2PasswordsTest {

    @TempDir
    Path directory;

    private String url() {
        return "jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath();
    }

    /** The database with {@code password}, adopted if it still has the empty one. */
    private DatabaseSettings formerlyEmpty(String password) {
        return DatabaseSettings.builder().jdbcUrl(url()).user("").password(password).formerPassword("").build();
    }

    @Test
    void a_database_created_without_a_password_gets_the_new_one_and_keeps_its_data() {
        try (Database old = Database.open(DatabaseSettings.of(url(), "", ""))) {
            old.customerAccounts().save(DemoData.ivan());
        }

        try (Database upgraded = Database.open(formerlyEmpty("n3w-Pa55word"))) {
            assertThat(upgraded.customerAccounts().find(DemoData.IVAN_ID)).contains(DemoData.ivan());
        }

        assertThatThrownBy(() -> Database.open(DatabaseSettings.of(url(), "", "")))
                .as("the empty password no longer opens it").isInstanceOf(RuntimeException.class);
        try (Database again = Database.open(formerlyEmpty("n3w-Pa55word"))) {
            assertThat(again.customerAccounts().find(DemoData.IVAN_ID)).contains(DemoData.ivan());
        }
    }

    @Test
    void a_new_database_is_created_with_the_password() {
        try (Database created = Database.open(formerlyEmpty("fresh-password"))) {
            created.customerAccounts().save(DemoData.ivan());
        }
        assertThatThrownBy(() -> Database.open(DatabaseSettings.of(url(), "", "")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_database_with_yet_another_password_is_refused_without_showing_either() {
        try (Database other = Database.open(DatabaseSettings.of(url(), "", "someone-elses"))) {
            other.customerAccounts().save(DemoData.ivan());
        }
        assertThatThrownBy(() -> Database.open(formerlyEmpty("mine")))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("refuses its credentials")
                .hasMessageNotContaining("mine").hasMessageNotContaining("someone-elses");
    }
}
