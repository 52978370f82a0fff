package dev.customertokens.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard on the public API (docs/api.md): the build fails when a public signature of an API package
 * differs from the one recorded in {@code api/customer-tokens.api}. A deliberate change is recorded with
 * {@code ./mvnw -B verify -Dapi.update=true} and reviewed in the diff like any other change.
 */
class PublicApiTest {

    static final Path RECORDED = Path.of("..", "api", "customer-tokens.api");

    @Test
    void the_public_api_is_the_recorded_one() throws IOException {
        String current = PublicApi.render();
        if (Boolean.getBoolean("api.update")) {
            Files.createDirectories(RECORDED.getParent());
            Files.writeString(RECORDED, current, StandardCharsets.UTF_8);
        }
        String recorded = Files.readString(RECORDED, StandardCharsets.UTF_8);
        List<String> differences = PublicApi.differences(recorded, current);
        assertThat(differences)
                .as("the public API changed; if that is meant, record it with ./mvnw -B verify -Dapi.update=true "
                        + "and say so in docs/api.md's changes")
                .isEmpty();
    }

    @Test
    void a_changed_signature_is_caught_naming_the_old_and_the_new() throws IOException {
        String recorded = Files.readString(RECORDED, StandardCharsets.UTF_8);
        String line = recorded.lines().filter(l -> l.contains(" refresh(dev.customertokens.application.port.in."
                + "RefreshTokenCommand)") && l.startsWith("  public abstract")).findFirst().orElseThrow();
        String changed = recorded.replace(line, line.replace("refresh(", "refreshToken("));

        assertThat(PublicApi.differences(recorded, changed))
                .containsExactly("- " + line.strip(), "+ " + line.strip().replace("refresh(", "refreshToken("));
    }

    @Test
    void the_api_lists_the_entry_points_and_leaves_the_internals_out() {
        String current = PublicApi.render();
        assertThat(current).contains("interface dev.customertokens.application.port.out.Sessions")
                .contains("dev.customertokens.testkit.SessionsContract")
                .doesNotContain("dev.customertokens.adapters.persistence.h2.")
                .doesNotContain("dev.customertokens.adapters.persistence.repository.");
    }
}
