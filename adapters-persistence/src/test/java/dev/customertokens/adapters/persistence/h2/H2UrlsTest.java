package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class H2UrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/tokens", "jdbc:h2:./data/tokens", "jdbc:h2:/var/lib/tokens",
            "jdbc:h2:~/tokens", "jdbc:h2:FILE:data/tokens", "jdbc:h2:C:/data/tokens"})
    void an_embedded_file_database_gets_a_shared_server_compressed_pages_and_no_retention_of_free_space(String url) {
        assertThat(H2Urls.effective(url)).isEqualTo(url + ";AUTO_SERVER=TRUE;COMPRESS=TRUE;RETENTION_TIME=0");
    }

    @Test
    void settings_the_url_names_are_kept_whatever_their_case() {
        assertThat(H2Urls.effective("jdbc:h2:./data/tokens;auto_server=FALSE;compress=false;retention_time=45000;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:./data/tokens;auto_server=FALSE;compress=false;retention_time=45000;MODE=PostgreSQL");
        assertThat(H2Urls.effective("jdbc:h2:./data/tokens;Write_Delay=100;"))
                .isEqualTo("jdbc:h2:./data/tokens;Write_Delay=100;AUTO_SERVER=TRUE;COMPRESS=TRUE;RETENTION_TIME=0");
    }

    @Test
    void an_in_memory_database_lives_as_long_as_the_jvm_and_has_no_server() {
        assertThat(H2Urls.effective("jdbc:h2:mem:tokens")).isEqualTo("jdbc:h2:mem:tokens;DB_CLOSE_DELAY=-1");
        assertThat(H2Urls.effective("jdbc:h2:mem:tokens;DB_CLOSE_DELAY=0")).isEqualTo("jdbc:h2:mem:tokens;DB_CLOSE_DELAY=0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:tcp://127.0.0.1:9092/tokens", "jdbc:h2:ssl://db.example.com/tokens",
            "jdbc:postgresql://127.0.0.1:5432/tokens", "jdbc:postgresql://db/tokens?sslmode=require"})
    void server_urls_are_used_as_given(String url) {
        assertThat(H2Urls.effective(url)).isEqualTo(url);
        assertThat(H2Urls.isH2File(url)).isFalse();
        assertThat(H2Urls.isH2Memory(url)).isFalse();
    }

    /** H2's own file systems over the disk: the file is embedded, and as durable as a plain one. */
    @ParameterizedTest
    @ValueSource(strings = {"nio:", "async:", "split:", "split:nio:", "nioMapped:", "retry:", "file:"})
    void a_file_on_one_of_h2s_file_systems_over_the_disk_is_an_embedded_file(String fileSystem) {
        String url = "jdbc:h2:" + fileSystem + "/var/lib/tokens";

        assertThat(H2Urls.isH2File(url)).isTrue();
        assertThat(H2Urls.effective(url)).isEqualTo(url + ";AUTO_SERVER=TRUE;COMPRESS=TRUE;RETENTION_TIME=0");
        assertThat(H2Urls.h2FilePath(url + ";AUTO_SERVER=TRUE")).isEqualTo("/var/lib/tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:memFS:tokens", "jdbc:h2:memLZF:tokens", "jdbc:h2:nioMemFS:tokens",
            "jdbc:h2:zip:/var/lib/tokens.zip!/tokens", "jdbc:h2:classpath:/tokens", "jdbc:h2:cloud:/tokens"})
    void a_form_that_names_no_file_on_the_disk_is_refused_naming_the_forms_that_work(String url) {
        assertThatThrownBy(() -> H2Urls.effective(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url.substring(0, url.indexOf(':', "jdbc:h2:".length()) + 1))
                .hasMessageContaining("jdbc:h2:file:").hasMessageContaining("jdbc:h2:tcp:")
                .hasMessageContaining("jdbc:h2:mem:");
        assertThatThrownBy(() -> DatabaseSettings.of(url, "sa", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
