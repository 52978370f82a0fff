package dev.customertokens.bootstrap;

import dev.customertokens.adapters.jwt.JwtSettings;
import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.domain.RequestId;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The library configured in Java (issue 20): every setting reachable without a string flag, checked when the
 * library is built with the command line's messages, and the host's own pool, keys, clock, meters and audit sink
 * used as given.
 */
class CustomerTokensBuilderTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";
    private static final String PUBLIC_URL = "https://api.shop.example";

    @TempDir
    Path dataFolder;

    private CustomerTokensBuilder inMemory() {
        return CustomerTokens.builder().jdbcUrl("jdbc:h2:mem:builder-" + UUID.randomUUID()).jwtSecret(SECRET)
                .publicUrl(PUBLIC_URL).dataFolder(dataFolder);
    }

    private static TokenGrant loginAndRefresh(CustomerTokens tokens) {
        tokens.administration().register(DemoData.demoApplication());
        tokens.administration().importAccounts(List.of(DemoData.ivan()));
        TokenGrant login = tokens.issueToken().issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null));
        return tokens.refreshToken().refresh(new RefreshTokenCommand(login.token(), DemoData.DEMO_KEY,
                RequestId.of("r1"), null));
    }

    @Test
    void defaults_are_those_of_the_command_line() throws Exception {
        CustomerTokensSettings settings = CustomerTokens.builder().publicUrl(PUBLIC_URL).settings();
        Path untouched = dataFolder.resolve("not-yet");
        CustomerTokens.builder().publicUrl(PUBLIC_URL).dataFolder(untouched).settings();
        assertThat(untouched).as("settings() writes nothing").doesNotExist();
        assertThat(settings.embeddedDefaultDatabase()).isTrue();
        assertThat(settings.database().jdbcUrl()).startsWith("jdbc:h2:file:").endsWith("/data/customer-tokens");
        assertThat(settings.database().poolSize()).isEqualTo(16);
        assertThat(settings.keys().algorithm()).isEqualTo("HS256");
        assertThat(settings.keys().secret()).as("generated in the data folder when the library opens").isNull();
        assertThat(settings.tokens().subjectHash()).isEqualTo(JwtSettings.DEFAULT_SUBJECT_HASH);
        assertThat(settings.tokens().policy().ttl()).isEqualTo(Duration.ofMinutes(1440));
        assertThat(settings.tokens().policy().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.tokens().policy().idleTimeout()).isZero();
        assertThat(settings.trustedIssuerOrigins()).containsExactly(PUBLIC_URL);
        assertThat(settings.dpop().maxSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.dpopNonces()).isFalse();
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void a_setting_that_cannot_work_is_refused_at_build_naming_it_as_the_command_line_does() {
        assertThatThrownBy(() -> CustomerTokens.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--public-url");
        assertThatThrownBy(() -> inMemory().ttl(Duration.ZERO).build()).hasMessageContaining("--ttl-minutes");
        assertThatThrownBy(() -> inMemory().ttl(Duration.ofSeconds(90)).build()).hasMessageContaining("whole minutes");
        assertThatThrownBy(() -> inMemory().refreshTtl(Duration.ZERO).build()).hasMessageContaining("--refresh-ttl-minutes");
        assertThatThrownBy(() -> inMemory().grace(Duration.ofSeconds(-1)).build()).hasMessageContaining("--grace-seconds");
        assertThatThrownBy(() -> inMemory().idleTimeout(Duration.ofMinutes(-1)).build())
                .hasMessageContaining("--idle-timeout-minutes");
        assertThatThrownBy(() -> inMemory().graceReplays(-1).build()).hasMessageContaining("--grace-replays");
        assertThatThrownBy(() -> inMemory().dpopMaxSkew(Duration.ZERO).build()).hasMessageContaining("--dpop-max-skew-seconds");
        assertThatThrownBy(() -> inMemory().retention(Duration.ofDays(-1)).build()).hasMessageContaining("--retention-days");
        assertThatThrownBy(() -> inMemory().databasePoolSize(0).build()).hasMessageContaining("--db-pool-size");
        assertThatThrownBy(() -> inMemory().jdbcUrl("jdbc:mysql://x").build()).hasMessageContaining("--db-url");
        assertThatThrownBy(() -> inMemory().publicUrl("ftp://x").build()).hasMessage("--public-url must be an http(s) URL, not 'ftp://x'");
        assertThatThrownBy(() -> inMemory().trustedIssuers(List.of("not a url")).build()).hasMessageContaining("--trusted-issuers");
        assertThatThrownBy(() -> inMemory().subjectHash(" ").build()).hasMessageContaining("--subject-hash");
        assertThatThrownBy(() -> inMemory().jwtSecret("too-short").build()).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> inMemory().jwtAlgorithm("ES256").build()).hasMessageContaining("HS256, RS256 or EdDSA");
        assertThatThrownBy(() -> inMemory().jwtAlgorithm("RS256").jwtSecret(null).build())
                .hasMessageContaining("needs --jwt-private-key-file");
        assertThatThrownBy(() -> CustomerTokens.builder().publicUrl(PUBLIC_URL).dataSource(new JdbcDataSource())
                .jdbcUrl("jdbc:h2:mem:x").build()).hasMessageContaining("not both");
    }

    @Test
    void the_library_runs_on_a_hosts_data_source_with_a_key_given_as_an_object_and_leaves_the_pool_open()
            throws Exception {
        JdbcDataSource hostPool = new JdbcDataSource();
        hostPool.setURL("jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        hostPool.setUser("sa");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        try (CustomerTokens tokens = CustomerTokens.builder().dataSource(hostPool)
                .signWith(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .publicUrl(PUBLIC_URL).clock(clock).meterRegistry(meters).auditEvents(audit::add).build()) {
            TokenGrant refreshed = loginAndRefresh(tokens);
            assertThat(refreshed.customerAccount()).isEqualTo(DemoData.ivan());
            assertThat(audit).extracting(AuditEvent::type).contains(AuditEvent.Type.TOKEN_ROTATED);
            assertThat(audit).allSatisfy(event -> assertThat(event.at()).isEqualTo(clock.instant()));
            assertThat(meters.find("customer_tokens.sessions.revoked").counters()).isNotEmpty();
        }
        try (Connection connection = hostPool.getConnection()) {
            assertThat(connection.isValid(1)).as("the host's pool is the host's to close").isTrue();
        }
    }

    @Test
    void an_ed25519_private_key_object_signs_eddsa_tokens_and_publishes_its_public_half() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (CustomerTokens tokens = CustomerTokens.builder().jdbcUrl("jdbc:h2:mem:eddsa-" + UUID.randomUUID())
                .signWith(pair.getPrivate()).publicUrl(PUBLIC_URL).build()) {
            assertThat(tokens.settings().keys().algorithm()).isEqualTo("EdDSA");
            TokenGrant refreshed = loginAndRefresh(tokens);
            assertThat(refreshed.token()).startsWith("eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSI");
            assertThat(tokens.jwks()).contains("\"crv\":\"Ed25519\"").doesNotContain("\"d\"");
        }
    }

    @Test
    void without_a_key_the_secret_is_generated_once_in_the_data_folder_and_kept() throws Exception {
        String first;
        try (CustomerTokens tokens = CustomerTokens.builder().jdbcUrl("jdbc:h2:mem:generated-" + UUID.randomUUID())
                .dataFolder(dataFolder).publicUrl(PUBLIC_URL).build()) {
            first = loginAndRefresh(tokens).token();
        }
        String kept = Files.readString(dataFolder.resolve("jwt-secret")).strip();
        assertThat(kept).hasSizeGreaterThanOrEqualTo(32);
        try (CustomerTokens again = CustomerTokens.builder().jdbcUrl("jdbc:h2:mem:generated-" + UUID.randomUUID())
                .dataFolder(dataFolder).publicUrl(PUBLIC_URL).build()) {
            assertThat(again.settings().keys().secret().secret()).isEqualTo(kept.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(first).isNotBlank();
    }
}
