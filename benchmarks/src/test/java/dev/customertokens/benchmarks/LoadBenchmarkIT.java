package dev.customertokens.benchmarks;

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
 * The load benchmark as the README runs it ({@code java -jar benchmarks/target/benchmarks.jar …}), for a few
 * seconds on each system: it must start the servers, begin the sessions, rotate without an error and print
 * its table. What it measures is not checked; that it works, from a fresh build, is.
 */
class LoadBenchmarkIT {

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void runs_on_every_system_and_prints_its_table() throws IOException, InterruptedException {
        Path output = Files.createTempFile("load-benchmark", ".txt");
        Process benchmark = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("benchmarks.jar"), "--server-jar", System.getProperty("customerTokens.jar"),
                "--systems", "ceiling,h2,h2-dpop,postgres,postgres-dpop", "--sessions", "200", "--connections", "8",
                "--warmup", "2", "--seconds", "4")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(benchmark.waitFor(7, TimeUnit.MINUTES)).as("the benchmark ends by itself").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(benchmark.exitValue()).as(printed).isZero();

        List<String> rows = printed.lines().filter(line -> line.startsWith("| ")).toList();
        assertThat(rows).as(printed).hasSize(7);
        for (String system : List.of("ceiling", "h2", "h2-dpop", "postgres", "postgres-dpop")) {
            assertThat(rows).as(printed).anySatisfy(row -> assertThat(row)
                    .startsWith("| " + system + " |")
                    .contains("| none |")
                    // a CPU figure for the server and the load generator, and PostgreSQL's beside its own row
                    .containsPattern(system.startsWith("postgres") ? "\\| \\d+ · \\d+ · \\d+ \\|$" : "\\| \\d+ · \\d+ \\|$"));
        }
        Files.delete(output);
    }
}
