package dev.customertokens.benchmarks;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out benchmark as docs/scale-out.md runs it, for a few seconds: two nodes behind HAProxy, through
 * PgBouncer in transaction pooling mode with the documented pgjdbc and PgBouncer settings, every rotation a
 * 200. Opt-in by installation: skipped where Debian's haproxy or pgbouncer is not installed.
 */
class ScaleOutBenchmarkIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void two_nodes_behind_haproxy_through_pgbouncer_rotate_without_an_error() throws IOException, InterruptedException {
        Assumptions.assumeTrue(ScaleOutTopology.installed("haproxy") && ScaleOutTopology.installed("pgbouncer"),
                "skipped: needs haproxy and pgbouncer (Debian: apt-get install haproxy pgbouncer)");
        Path output = Files.createTempFile("scale-out-benchmark", ".txt");
        Process benchmark = new ProcessBuilder(ScaleOutTopology.java(), "-cp", System.getProperty("benchmarks.jar"),
                ScaleOutBenchmark.class.getName(), "--server-jar", System.getProperty("customerTokens.jar"),
                "--setups", "pgbouncer:2", "--sessions", "200", "--connections", "8", "--warmup", "2", "--seconds", "4")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(benchmark.waitFor(3, TimeUnit.MINUTES)).as("the benchmark ends by itself").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(benchmark.exitValue()).as(printed).isZero();

        List<String> rows = printed.lines().filter(line -> line.startsWith("| pgbouncer:2 |")).toList();
        // rotations a second, then every figure a number, and no error
        assertThat(rows).as(printed).singleElement().asString()
                .matches("\\| pgbouncer:2 \\| [\\d,]+ \\| [\\d.]+ \\| [\\d.]+ \\| none \\| \\d+ \\| \\d+ \\| [\\d,]+ \\| \\d+ \\| \\d+ \\|");
        Files.delete(output);
    }
}
