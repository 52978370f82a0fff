package dev.customertokens.adapters.persistence;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings a database opens with: what the builder takes, what it refuses, what it never shows. */
class DatabaseSettingsTest {

    private static final String URL = "jdbc:h2:mem:settings";

    @Test
    void a_url_with_its_credentials_gets_the_defaults_for_everything_else() {
        DatabaseSettings settings = DatabaseSettings.of(URL, "sa", "secret");

        assertThat(settings.jdbcUrl()).isEqualTo(URL);
        assertThat(settings.user()).isEqualTo("sa");
        assertThat(settings.password()).isEqualTo("secret");
        assertThat(settings.poolSize()).isEqualTo(DatabaseSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.connectionTimeout()).isEqualTo(DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT);
        assertThat(settings.dataSource()).isNull();
        assertThat(settings.formerPassword()).isNull();
        assertThat(settings.meterRegistry()).isNull();
        assertThat(settings.migration()).isEqualTo(DatabaseSettings.Migration.ALWAYS);
    }

    @Test
    void the_builder_takes_every_setting() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DatabaseSettings settings = DatabaseSettings.builder().jdbcUrl("jdbc:postgresql://db/tokens").user("tokens")
                .password("secret").poolSize(4).connectionTimeout(Duration.ofMillis(250)).formerPassword("")
                .meterRegistry(registry).migration(DatabaseSettings.Migration.WHEN_BEHIND)
                .embeddedDurability(EmbeddedDurability.POWER).service(true).build();

        assertThat(settings).isEqualTo(new DatabaseSettings("jdbc:postgresql://db/tokens", "tokens", "secret", 4,
                Duration.ofMillis(250), null, "", registry, DatabaseSettings.Migration.WHEN_BEHIND, EmbeddedDurability.POWER,
                true));
        assertThat(settings.toBuilder().build()).as("the settings as their own builder has them").isEqualTo(settings);
        JdbcDataSource host = new JdbcDataSource();
        DatabaseSettings onHost = DatabaseSettings.builder().dataSource(host).service(true).build();
        assertThat(onHost.toBuilder().build()).isEqualTo(onHost);
    }

    @Test
    void a_host_data_source_stands_for_the_url() {
        JdbcDataSource host = new JdbcDataSource();
        DatabaseSettings settings = DatabaseSettings.builder().dataSource(host).build();

        assertThat(settings.dataSource()).isSameAs(host);
        assertThat(settings.jdbcUrl()).isNull();
    }

    @Test
    void settings_out_of_range_are_refused_with_what_is_wrong() {
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://db/tokens", "sa", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database URL must start with jdbc:h2: or jdbc:postgresql:");
        assertThatThrownBy(() -> DatabaseSettings.builder().jdbcUrl(URL).poolSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pool size must be at least 1");
        assertThatThrownBy(() -> DatabaseSettings.builder().jdbcUrl(URL).connectionTimeout(Duration.ofMillis(249)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connection timeout must be at least 250 ms");
        assertThatThrownBy(() -> DatabaseSettings.builder().jdbcUrl(URL).connectionTimeout(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("connectionTimeout");
        assertThatThrownBy(() -> DatabaseSettings.builder().jdbcUrl(URL).migration(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("migration");
    }

    @Test
    void a_database_is_named_once_by_a_url_or_by_a_data_source() {
        assertThatThrownBy(() -> DatabaseSettings.builder().build())
                .isInstanceOf(NullPointerException.class).hasMessage("jdbcUrl");
        assertThatThrownBy(() -> DatabaseSettings.builder().jdbcUrl(URL).dataSource(new JdbcDataSource()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a database URL or a DataSource, not both");
    }

    @Test
    void a_data_source_brings_its_own_credentials_and_pool() {
        for (DatabaseSettings.Builder builder : new DatabaseSettings.Builder[]{
                DatabaseSettings.builder().user("sa"), DatabaseSettings.builder().password("secret"),
                DatabaseSettings.builder().formerPassword("")}) {
            assertThatThrownBy(() -> builder.dataSource(new JdbcDataSource()).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a DataSource brings its own credentials: no user, password or former password with it");
        }
        assertThatThrownBy(() -> DatabaseSettings.builder().dataSource(new JdbcDataSource()).poolSize(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a DataSource brings its own pool: no pool size with it");
    }

    @Test
    void the_settings_text_shows_no_password_and_not_the_data_sources_own_text() {
        JdbcDataSource host = new JdbcDataSource();
        host.setURL("jdbc:h2:mem:host;PASSWORD=in-the-url");

        String withUrl = DatabaseSettings.builder().jdbcUrl(URL).user("sa").password("the-password")
                .formerPassword("the-former-one").build().toString();
        String withDataSource = DatabaseSettings.builder().dataSource(host).build().toString();

        assertThat(withUrl).contains(URL, "sa", "***").doesNotContain("the-password", "the-former-one");
        assertThat(withDataSource).contains(JdbcDataSource.class.getName()).doesNotContain("in-the-url");
    }
}
