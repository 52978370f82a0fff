package dev.customertokens.bootstrap;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.RefreshTokenCommand;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.domain.AuditEvent;
import dev.customertokens.domain.Refusal;
import dev.customertokens.domain.RequestId;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database's loss is not the customer's (CONTRACT 2.3) on the embedded file: a data folder restored from a
 * copy taken before some rotations still refreshes the newest token the client holds, even when every token
 * involved was issued in the same clock second, and an older forgotten token is still reuse.
 */
class LostRotationsOnH2Test {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";

    @TempDir
    Path work;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.100Z"));
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

    private CustomerTokens open(Path dataFolder) {
        return CustomerTokens.builder().dataFolder(dataFolder).jwtSecret(SECRET).publicUrl("https://api.shop.example")
                .clock(clock).auditEvents(audit::add).build();
    }

    private String refresh(CustomerTokens tokens, String token, String requestId) {
        clock.advance(Duration.ofMillis(200));
        return tokens.refreshToken().refresh(new RefreshTokenCommand(token, DemoData.DEMO_KEY, RequestId.of(requestId),
                null)).token();
    }

    @Test
    void a_restored_data_folder_moves_the_session_forward_to_the_newest_token_of_the_same_second() throws IOException {
        Path live = work.resolve("data");
        String backedUp;
        try (CustomerTokens tokens = open(live)) {
            tokens.administration().register(DemoData.demoApplication());
            tokens.administration().importAccounts(List.of(DemoData.ivan()));
            String login = tokens.issueToken().issue(new IssueTokenCommand(DemoData.IVAN_ID, DemoData.DEMO_KEY, null))
                    .token();
            backedUp = refresh(tokens, login, "r1");
        }
        Path backup = work.resolve("backup");
        copy(live, backup);
        String forgotten;
        String newest;
        try (CustomerTokens tokens = open(live)) {
            forgotten = refresh(tokens, backedUp, "r2");
            newest = refresh(tokens, forgotten, "r3");
        }
        deleteRecursively(live);
        copy(backup, live);
        assertThat(clock.instant().getEpochSecond()).as("every token of the test is of one second")
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z").getEpochSecond());

        try (CustomerTokens restored = open(live)) {
            audit.clear();
            String next = refresh(restored, newest, "r4");

            assertThat(next).isNotBlank();
            assertThat(audit).extracting(AuditEvent::type).contains(AuditEvent.Type.SESSION_FAST_FORWARDED);
            assertThatThrownBy(() -> refresh(restored, forgotten, "r5"))
                    .as("a forgotten token older than the new current one")
                    .isInstanceOfSatisfying(TokenRefusedException.class,
                            refused -> assertThat(refused.refusal()).isEqualTo(Refusal.TOKEN_REUSED));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
