package dev.customertokens.benchmarks.plots;

import dev.customertokens.benchmarks.plots.BenchmarkResult.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plots command on small results files: which plots it draws, from which results, and which it skips. */
class PlotsTest {

    private static final List<String> FIVE_PLOTS = List.of("rotations-by-connections.svg", "p99-by-connections.svg",
            "rotations-by-sessions.svg", "p99-by-sessions.svg", "soak.svg");

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static BenchmarkResult result(String system, int sessions, int connections, int run, double rate,
            List<Sample> timeline) {
        return new BenchmarkResult(system, sessions, connections, run, rate, 1.0, rate / 1000, 200_000, timeline,
                Instant.parse("2025-01-02T03:04:05Z"), "c9b61fd");
    }

    /** A sweep over connections at 1,000 sessions, one over sessions at 64 connections, and a soak. */
    private Path sweeps() throws IOException {
        Path file = folder.resolve("results.jsonl");
        for (int run = 1; run <= 3; run++) {
            BenchmarkResults.append(file, result("h2", 1000, 8, run, 100 * List.of(1, 3, 2).get(run - 1), List.of()));
        }
        BenchmarkResults.append(file, result("bare", 1000, 8, 1, 40_000, List.of()));
        BenchmarkResults.append(file, result("h2", 1000, 64, 1, 15_000, List.of()));
        BenchmarkResults.append(file, result("bare", 1000, 64, 1, 47_000, List.of()));
        BenchmarkResults.append(file, result("h2", 1_000_000, 64, 1, 4_000,
                List.of(new Sample(0, 300_000, 1L << 20), new Sample(10, 310_000, 3L << 20))));
        BenchmarkResults.append(file, result("h2", 1_000_000, 64, 2, 5_000, List.of(new Sample(0, 290_000, 1L << 20),
                new Sample(10, 300_000, 4L << 20), new Sample(20, 305_000, 6L << 20))));
        BenchmarkResults.append(file, result("bare", 1_000_000, 64, 1, 46_000, List.of()));
        return file;
    }

    private int plots(String... args) throws IOException {
        return Plots.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private SvgDocument plot(String name) throws IOException {
        return SvgDocument.parse(Files.readString(folder.resolve("plots").resolve(name), StandardCharsets.UTF_8));
    }

    @Test
    void writes_the_five_plots_and_prints_each_file() throws IOException {
        Path results = sweeps();

        assertThat(plots(results.toString(), folder.resolve("plots").toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .containsExactlyElementsOf(FIVE_PLOTS.stream().map(name -> folder.resolve("plots").resolve(name).toString()).toList());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        for (String name : FIVE_PLOTS) {
            assertThat(plot(name).elements("polyline")).as(name).hasSize(2);
        }
    }

    @Test
    void a_sweep_takes_the_results_at_the_most_common_held_value_one_line_a_system() throws IOException {
        assertThat(plots(sweeps().toString(), folder.resolve("plots").toString())).isZero();

        SvgDocument byConnections = plot("rotations-by-connections.svg");
        assertThat(byConnections.texts("title")).containsExactly("Rotations per second by connections (1,000 sessions)");
        assertThat(byConnections.texts("legend-name")).containsExactly("h2", "bare");
        assertThat(byConnections.elements("circle")).extracting(Element::getTextContent)
                .as("the median of h2's three runs at 8 connections; nothing from a million sessions")
                .containsExactly("h2 (8, 200)", "h2 (64, 15,000)", "bare (8, 40,000)", "bare (64, 47,000)");
        SvgDocument bySessions = plot("p99-by-sessions.svg");
        assertThat(bySessions.texts("title")).containsExactly("p99 latency by sessions (64 connections)");
        assertThat(bySessions.elements("circle")).extracting(Element::getTextContent)
                .containsExactly("h2 (1,000, 15)", "h2 (1,000,000, 4.5)", "bare (1,000, 47)", "bare (1,000,000, 46)");
    }

    @Test
    void the_soak_draws_rss_and_the_database_file_in_mib_from_the_longest_timeline() throws IOException {
        assertThat(plots(sweeps().toString(), folder.resolve("plots").toString())).isZero();

        SvgDocument soak = plot("soak.svg");
        assertThat(soak.texts("legend-name")).containsExactly("server RSS", "database file");
        assertThat(soak.elements("circle")).extracting(Element::getTextContent).containsExactly(
                "server RSS (0, 283.2)", "server RSS (10, 292.97)", "server RSS (20, 297.85)",
                "database file (0, 1)", "database file (10, 4)", "database file (20, 6)");
    }

    @Test
    void the_same_results_give_the_same_files() throws IOException {
        Path results = sweeps();
        assertThat(plots(results.toString(), folder.resolve("plots").toString())).isZero();
        assertThat(plots(results.toString(), folder.resolve("again").toString())).isZero();

        for (String name : FIVE_PLOTS) {
            assertThat(Files.readAllBytes(folder.resolve("again").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(folder.resolve("plots").resolve(name)));
        }
    }

    @Test
    void a_sweep_of_a_single_point_is_skipped_with_the_reason() throws IOException {
        Path results = folder.resolve("results.jsonl");
        BenchmarkResults.append(results, result("h2", 1000, 64, 1, 15_000, List.of()));
        BenchmarkResults.append(results, result("bare", 1000, 64, 1, 47_000, List.of(new Sample(0, 1, null))));

        assertThat(plots(results.toString(), folder.resolve("plots").toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "skipped rotations-by-connections.svg: the results at 1,000 sessions have a single connections value (64); a sweep needs two or more",
                "skipped p99-by-connections.svg: the results at 1,000 sessions have a single connections value (64); a sweep needs two or more",
                "skipped rotations-by-sessions.svg: the results at 64 connections have a single sessions value (1,000); a sweep needs two or more",
                "skipped p99-by-sessions.svg: the results at 64 connections have a single sessions value (1,000); a sweep needs two or more",
                "skipped soak.svg: no result has a timeline of two samples or more");
        try (var written = Files.list(folder.resolve("plots"))) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void wrong_arguments_exit_with_2_and_the_usage() throws IOException {
        assertThat(plots("results.jsonl")).isEqualTo(2);
        assertThat(plots("results.jsonl", "plots", "more")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(Plots.USAGE, Plots.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void a_missing_results_file_exits_with_1_and_says_so() throws IOException {
        Path missing = folder.resolve("missing.jsonl");

        assertThat(plots(missing.toString(), folder.resolve("plots").toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such results file: " + missing);
    }
}
