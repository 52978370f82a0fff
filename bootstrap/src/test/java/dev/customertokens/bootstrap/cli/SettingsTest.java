package dev.customertokens.bootstrap.cli;

import dev.customertokens.adapters.jwt.Hs256Secret;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.EmbeddedDurability;
import dev.customertokens.bootstrap.SigningKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";

    @Test
    void defaults_are_those_of_the_contract() {
        Settings settings = Settings.parse(Map.of());
        assertThat(settings.service().http().host()).isEqualTo("127.0.0.1");
        assertThat(settings.service().http().port()).isEqualTo(8080);
        assertThat(settings.library().embeddedDefaultDatabase()).isTrue();
        assertThat(settings.library().database().jdbcUrl()).startsWith("jdbc:h2:file:").endsWith("/data/customer-tokens");
        assertThat(secretOf(settings)).isNull();
        assertThat(settings.library().tokens().subjectHash()).isEqualTo("cc32921a15480a117d9bbc72c0e1256a6852458b");
        assertThat(settings.library().tokens().publicBaseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(settings.library().tokens().policy().ttl()).isEqualTo(Duration.ofMinutes(1440));
        assertThat(settings.library().tokens().policy().refreshTtl()).isEqualTo(Duration.ofMinutes(2_628_000));
        assertThat(settings.library().tokens().policy().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.library().tokens().policy().leeway()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.library().trustedIssuerOrigins()).containsExactly("http://127.0.0.1:8080");
        assertThat(settings.service().http().supportedApiMajors()).containsExactlyInAnyOrder(4, 5);
    }

    @Test
    void every_setting_is_read_from_the_environment() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("CUSTOMER_TOKENS_HOST", "0.0.0.0"),
                Map.entry("CUSTOMER_TOKENS_PORT", "9090"),
                Map.entry("CUSTOMER_TOKENS_DB_URL", "jdbc:postgresql://db.internal:5432/tokens"),
                Map.entry("CUSTOMER_TOKENS_DB_USER", "tokens"),
                Map.entry("CUSTOMER_TOKENS_DB_PASSWORD", "pw"),
                Map.entry("CUSTOMER_TOKENS_JWT_SECRET", SECRET),
                Map.entry("CUSTOMER_TOKENS_SUBJECT_HASH", "abc"),
                Map.entry("CUSTOMER_TOKENS_PUBLIC_URL", "https://api.example.com/"),
                Map.entry("CUSTOMER_TOKENS_TTL_MINUTES", "60"),
                Map.entry("CUSTOMER_TOKENS_REFRESH_TTL_MINUTES", "600"),
                Map.entry("CUSTOMER_TOKENS_GRACE_SECONDS", "0"),
                Map.entry("CUSTOMER_TOKENS_LEEWAY_SECONDS", "5"),
                Map.entry("CUSTOMER_TOKENS_TRUSTED_ISSUERS", "https://api.example.com,https://legacy.example.com:8443"),
                Map.entry("CUSTOMER_TOKENS_API_VERSIONS", "5,6"));
        Settings settings = Settings.parse(env);
        assertThat(settings.service().http().host()).isEqualTo("0.0.0.0");
        assertThat(settings.service().http().port()).isEqualTo(9090);
        assertThat(settings.library().database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/tokens");
        assertThat(settings.library().embeddedDefaultDatabase()).isFalse();
        assertThat(settings.library().database().user()).isEqualTo("tokens");
        assertThat(settings.library().database().password()).isEqualTo("pw");
        assertThat(secretOf(settings)).isEqualTo(SECRET);
        assertThat(settings.library().tokens().subjectHash()).isEqualTo("abc");
        assertThat(settings.library().tokens().publicBaseUrl()).isEqualTo("https://api.example.com");
        assertThat(settings.library().tokens().policy().ttl()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.library().tokens().policy().refreshTtl()).isEqualTo(Duration.ofMinutes(600));
        assertThat(settings.library().tokens().policy().grace()).isZero();
        assertThat(settings.library().tokens().policy().leeway()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.library().trustedIssuerOrigins())
                .isEqualTo(Set.of("https://api.example.com", "https://legacy.example.com:8443"));
        assertThat(settings.service().http().supportedApiMajors()).containsExactlyInAnyOrder(5, 6);
    }

    @Test
    void a_flag_wins_over_the_environment() {
        Settings settings = Settings.parse(Map.of("CUSTOMER_TOKENS_PORT", "9090", "CUSTOMER_TOKENS_GRACE_SECONDS", "10"),
                "--port", "7070");
        assertThat(settings.service().http().port()).isEqualTo(7070);
        assertThat(settings.library().tokens().policy().grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.library().tokens().publicBaseUrl()).isEqualTo("http://127.0.0.1:7070");
    }

    @Test
    void a_short_jwt_secret_is_refused_at_start() {
        assertThatThrownBy(() -> Settings.parse(Map.of("CUSTOMER_TOKENS_JWT_SECRET", "too-short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void the_public_url_origin_is_normalised_for_issuer_checks() {
        Settings settings = Settings.parse(Map.of(), "--public-url", "HTTPS://API.Example.com:443/base/");
        assertThat(settings.library().trustedIssuerOrigins()).containsExactly("https://api.example.com");
        assertThat(settings.library().tokens().publicBaseUrl()).isEqualTo("HTTPS://API.Example.com:443/base");
    }

    @Test
    void an_issuer_url_with_user_information_has_no_origin() {
        // an origin has no user information, and the codec finds no origin in an iss that has some
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--trusted-issuers", "https://user@api.example.com"))
                .hasMessage("--trusted-issuers must be an http(s) URL, not 'https://user@api.example.com'");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--public-url", "https://user:pw@api.example.com"))
                .hasMessage("--public-url must be an http(s) URL, not 'https://user:pw@api.example.com'");
    }

    @Test
    void nonsense_is_refused_with_a_message() {
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--port", "70000")).hasMessageContaining("--port");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--db-url", "jdbc:mysql://x")).hasMessageContaining("--db-url");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--public-url", "ftp://x")).hasMessageContaining("--public-url");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--ttl-minutes", "0")).hasMessageContaining("--ttl-minutes");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--grace-seconds", "-1")).hasMessageContaining("--grace-seconds");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-previous-secrets", "nokey")).hasMessageContaining("kid=secret");
    }

    @Test
    void retired_keys_are_read_with_and_without_kid() {
        Settings settings = Settings.parse(Map.of(), "--jwt-previous-secrets", "k1=" + SECRET + ",=" + SECRET + "-2");
        assertThat(settings.library().keys().retiredSecrets()).containsExactly(Hs256Secret.of("k1", SECRET),
                Hs256Secret.of(null, SECRET + "-2"));
    }

    @Test
    void to_string_masks_the_secrets_the_password_and_the_credentials_of_the_url() {
        Settings settings = Settings.parse(Map.of("CUSTOMER_TOKENS_DB_PASSWORD", "db-pa55word"),
                "--jwt-secret", SECRET, "--jwt-previous-secrets", "old=" + SECRET + "-retired",
                "--db-url", "jdbc:postgresql://tokens:url-pa55@db.internal:5432/tokens?password=query-pa55&ssl=true");

        assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain("db-pa55word").doesNotContain("url-pa55")
                .doesNotContain("query-pa55").contains("ssl=true").contains("old").contains("db.internal");
        assertThat(settings.databaseWithoutCredentials())
                .isEqualTo("jdbc:postgresql://***@db.internal:5432/tokens?password=***&ssl=true");
        assertThat(DatabaseSettings.withoutCredentials("jdbc:h2:file:./data/db;PASSWORD=x;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./data/db;PASSWORD=***;AUTO_SERVER=TRUE");
    }

    @Test
    void the_jwt_algorithm_is_one_of_three_and_an_asymmetric_one_needs_its_private_key() {
        assertThat(Settings.parse(Map.of()).library().keys().algorithm()).isEqualTo("HS256");
        assertThat(Settings.parse(Map.of("CUSTOMER_TOKENS_JWT_ALGORITHM", "eddsa",
                "CUSTOMER_TOKENS_JWT_PRIVATE_KEY_FILE", "k.pem")).library().keys().algorithm()).isEqualTo("EdDSA");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-algorithm", "ES256"))
                .hasMessageContaining("HS256, RS256 or EdDSA");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-algorithm", "RS256"))
                .hasMessageContaining("needs --jwt-private-key-file");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-private-key-file", "k.pem"))
                .hasMessageContaining("the algorithm is HS256");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-algorithm", "EdDSA", "--jwt-private-key-file", "k.pem",
                "--jwt-secret", SECRET)).hasMessageContaining("--jwt-previous-secrets-file");
    }

    @Test
    void retired_public_keys_are_paths_with_or_without_kid() {
        Settings settings = Settings.parse(Map.of("CUSTOMER_TOKENS_JWT_PREVIOUS_PUBLIC_KEY_FILES", "2025=/keys/a.pem, /keys/b.pem"));
        assertThat(settings.library().keys().retiredPublicKeyFiles()).containsExactly(
                new SigningKeys.RetiredPublicKeyFile("2025", java.nio.file.Path.of("/keys/a.pem")),
                new SigningKeys.RetiredPublicKeyFile(null, java.nio.file.Path.of("/keys/b.pem")));
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-previous-public-key-files", "k="))
                .hasMessageContaining("'kid=path' or 'path'");
    }

    @Test
    void retired_secrets_come_from_a_file_too_and_its_mistakes_name_the_line_not_the_secret(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("previous"),
                "# retired in March\n\nk1=" + SECRET + "\n=" + SECRET + "-2\n");
        assertThat(Settings.parse(Map.of(), "--jwt-previous-secrets", "k0=" + SECRET + "-0",
                "--jwt-previous-secrets-file", file.toString()).library().keys().retiredSecrets())
                .containsExactly(Hs256Secret.of("k0", SECRET + "-0"), Hs256Secret.of("k1", SECRET),
                        Hs256Secret.of(null, SECRET + "-2"));

        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad"), "k1=" + SECRET + "\nk2=tooshort\n");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-previous-secrets-file", bad.toString()))
                .hasMessageContaining(bad + " line 2").hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("tooshort");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--jwt-previous-secrets-file", dir.resolve("none").toString()))
                .hasMessageContaining(dir.resolve("none") + ": no such file");
    }

    @Test
    void the_operations_defaults_of_contract_3_and_their_checks() {
        Settings defaults = Settings.parse(Map.of());
        assertThat(defaults.service().managementHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.service().managementPort()).isEqualTo(9000);
        assertThat(defaults.library().retention()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(defaults.service().purgeInterval()).isEqualTo(java.time.Duration.ofMinutes(60));
        assertThat(defaults.service().shutdownGrace()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(defaults.logFormat()).isEqualTo("text");
        assertThat(defaults.service().http().maxQueuedRequests()).isEqualTo(256);
        assertThat(defaults.service().http().queueDeadline()).isEqualTo(java.time.Duration.ofMillis(1_000));

        Settings fromEnvironment = Settings.parse(Map.of("CUSTOMER_TOKENS_MANAGEMENT_PORT", "-1",
                "CUSTOMER_TOKENS_LOG_FORMAT", "JSON", "CUSTOMER_TOKENS_PURGE_INTERVAL_MINUTES", "0"));
        assertThat(fromEnvironment.service().managementEnabled()).isFalse();
        assertThat(fromEnvironment.logFormat()).isEqualTo("json");
        assertThat(fromEnvironment.service().housekeepingEnabled()).isFalse();

        assertThatThrownBy(() -> Settings.parse(Map.of(), "--log-format", "xml")).hasMessageContaining("--log-format");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--management-port", "-2")).hasMessageContaining("--management-port");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--port", "9000")).hasMessageContaining("never the public one");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--queue-deadline-millis", "0")).hasMessageContaining("--queue-deadline-millis");
    }

    @Test
    void the_session_hygiene_and_dpop_settings_of_contract_3_and_their_checks() {
        Settings defaults = Settings.parse(Map.of());
        assertThat(defaults.library().tokens().policy().idleTimeout()).isZero();
        assertThat(defaults.library().tokens().policy().graceReplays()).isZero();
        assertThat(defaults.library().dpop().maxSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.library().dpopNonces()).isFalse();

        Settings fromEnvironment = Settings.parse(Map.of("CUSTOMER_TOKENS_IDLE_TIMEOUT_MINUTES", "30",
                "CUSTOMER_TOKENS_GRACE_REPLAYS", "2", "CUSTOMER_TOKENS_DPOP_MAX_SKEW_SECONDS", "15",
                "CUSTOMER_TOKENS_DPOP_NONCES", "true"));
        assertThat(fromEnvironment.library().tokens().policy().idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(fromEnvironment.library().tokens().policy().graceReplays()).isEqualTo(2);
        assertThat(fromEnvironment.library().dpop().maxSkew()).isEqualTo(Duration.ofSeconds(15));
        assertThat(fromEnvironment.library().dpopNonces()).isTrue();

        Settings flagsWin = Settings.parse(Map.of("CUSTOMER_TOKENS_DPOP_NONCES", "true",
                "CUSTOMER_TOKENS_GRACE_REPLAYS", "2"), "--dpop-nonces", "false", "--grace-replays", "5",
                "--idle-timeout-minutes", "1", "--dpop-max-skew-seconds", "300");
        assertThat(flagsWin.library().dpopNonces()).isFalse();
        assertThat(flagsWin.library().tokens().policy().graceReplays()).isEqualTo(5);
        assertThat(flagsWin.library().tokens().policy().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(flagsWin.library().dpop().maxSkew()).isEqualTo(Duration.ofMinutes(5));

        assertThatThrownBy(() -> Settings.parse(Map.of(), "--idle-timeout-minutes", "-1"))
                .hasMessageContaining("--idle-timeout-minutes");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--grace-replays", "-1")).hasMessageContaining("--grace-replays");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--dpop-max-skew-seconds", "0"))
                .hasMessageContaining("--dpop-max-skew-seconds");
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--dpop-nonces", "maybe")).hasMessageContaining("--dpop-nonces");
    }

    @Test
    void the_embedded_durability_from_a_flag_or_the_environment_and_its_check() {
        assertThat(Settings.parse(Map.of()).library().database().embeddedDurability())
                .isEqualTo(DatabaseSettings.DEFAULT_EMBEDDED_DURABILITY);
        assertThat(Settings.parse(Map.of("CUSTOMER_TOKENS_EMBEDDED_DURABILITY", "power")).library().database()
                .embeddedDurability()).isEqualTo(EmbeddedDurability.POWER);
        assertThat(Settings.parse(Map.of("CUSTOMER_TOKENS_EMBEDDED_DURABILITY", "power"), "--embedded-durability",
                "process").library().database().embeddedDurability()).isEqualTo(EmbeddedDurability.PROCESS);
        assertThat(Settings.parse(Map.of(), "--embedded-durability", "power", "--db-url",
                "jdbc:postgresql://db/tokens").library().database().embeddedDurability())
                .as("kept, and ignored, on PostgreSQL").isEqualTo(EmbeddedDurability.POWER);
        assertThatThrownBy(() -> Settings.parse(Map.of(), "--embedded-durability", "disk"))
                .hasMessageContaining("--embedded-durability");
    }

    /** The HS256 secret as configured, or null when none was (the one in the data folder is used). */
    private static String secretOf(Settings settings) {
        Hs256Secret secret = settings.library().keys().secret();
        return secret == null ? null : new String(secret.secret(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
