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

    private static final List<String> SYSTEMS = List.of("bare", "ceiling", "h2", "h2-dpop", "postgres", "postgres-dpop");

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void runs_on_every_system_and_prints_its_table() throws IOException, InterruptedException {
        Path output = Files.createTempFile("load-benchmark", ".txt");
        Process benchmark = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("benchmarks.jar"), "--server-jar", System.getProperty("customerTokens.jar"),
                // the distribution module builds after this one: its launcher and options from the sources
                "--distribution", System.getProperty("customerTokens.distributionSources"),
                "--systems", String.join(",", SYSTEMS), "--sessions", "200", "--connections", "8",
                "--warmup", "1", "--seconds", "3", "--runs", "2")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(benchmark.waitFor(7, TimeUnit.MINUTES)).as("the benchmark ends by itself").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(benchmark.exitValue()).as(printed).isZero();

        assertThat(printed).as("the service starts as the README's command does, through the launcher")
                .containsPattern("the service started as \\S+/bin/customer-tokens serve, running \\S+ with -XX:\\+UseSerialGC");
        List<String> rows = printed.lines().filter(line -> line.startsWith("| ")).toList();
        for (String system : SYSTEMS) {
            assertThat(rows).as(printed).filteredOn(row -> row.startsWith("| " + system + " |") && row.contains("| none |"))
                    .hasSize(2)
                    // a CPU figure for the server and the load generator, and PostgreSQL's beside its own row
                    .allSatisfy(row -> assertThat(row).containsPattern(system.startsWith("postgres")
                            ? "\\| \\d+ · \\d+ · \\d+ \\|$" : "\\| \\d+ · \\d+ \\|$"));
            assertThat(rows).as("%s's spread over the two runs", system)
                    .anySatisfy(row -> assertThat(row).startsWith("| " + system + " | 2 | "));
        }
        assertThat(rows).as("the service's share of the bare route of its run")
                .anySatisfy(row -> assertThat(row).startsWith("| h2 |").containsPattern("^\\| h2 \\| [\\d,]+ \\| \\d+% \\| \\d+% \\|"));
        Files.delete(output);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void a_sweep_appends_every_run_to_the_results_and_draws_them() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("load-benchmark-sweep");
        Path results = dir.resolve("results.jsonl");
        Path plots = dir.resolve("plots");
        Path output = dir.resolve("output.txt");
        Process benchmark = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("benchmarks.jar"), "--server-jar", System.getProperty("customerTokens.jar"),
                "--distribution", System.getProperty("customerTokens.distributionSources"),
                "--systems", "bare,h2", "--sessions", "100", "--connections", "4,8", "--warmup", "1", "--seconds", "2",
                "--results", results.toString(), "--commit", "test", "--plots", plots.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(benchmark.waitFor(3, TimeUnit.MINUTES)).as("the benchmark ends by itself").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(benchmark.exitValue()).as(printed).isZero();

        List<String> lines = Files.readAllLines(results);
        assertThat(lines).as("a result a system and load").hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("\"commit\":\"test\"").contains("\"sessions\":100"));
        assertThat(lines).filteredOn(line -> line.contains("\"connections\":8")).hasSize(2);
        for (String plot : List.of("rotations-by-connections.svg", "p99-by-connections.svg")) {
            assertThat(plots.resolve(plot)).as(printed).content().contains("<svg").contains(">h2<").contains(">bare<");
        }
        LoadBenchmark.deleteRecursively(dir);
    }
}
