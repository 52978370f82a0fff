package dev.customertokens.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark reads jvm.options as the launcher does, so that it reports the options serve really ran with. */
class ServerLauncherTest {

    @TempDir
    Path directory;

    @Test
    void each_scope_gets_the_bare_lines_and_its_own_and_no_other() throws IOException {
        Path options = Files.writeString(directory.resolve("jvm.options"), """
                # a comment
                -XX:+UseSerialGC
                serve: -Xss512k   # trailing comment
                import: -Dfor.import=1
                command: -XX:TieredStopAtLevel=1 -Xshare:auto
                """);

        assertThat(ServerLauncher.launcherOptions(options, "serve")).containsExactly("-XX:+UseSerialGC", "-Xss512k");
        assertThat(ServerLauncher.launcherOptions(options, "import")).containsExactly("-XX:+UseSerialGC", "-Dfor.import=1");
        assertThat(ServerLauncher.launcherOptions(options, "command"))
                .containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }

    @Test
    void the_distributions_own_options_give_serve_the_serial_collector_and_no_command_option() {
        Path shipped = Path.of("../distribution/src/dist/config/jvm.options");

        assertThat(ServerLauncher.launcherOptions(shipped, "serve")).contains("-XX:+UseSerialGC")
                .doesNotContain("-XX:TieredStopAtLevel=1", "-Djfr.unsupported.vm=true");
    }
}
