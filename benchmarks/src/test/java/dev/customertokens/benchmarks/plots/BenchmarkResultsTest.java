package dev.customertokens.benchmarks.plots;

import dev.customertokens.benchmarks.plots.BenchmarkResult.Sample;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The results file the load benchmark appends to and {@link Plots} reads: what is written is read back. */
class BenchmarkResultsTest {

    @TempDir
    Path folder;

    static BenchmarkResult h2Soak() {
        return new BenchmarkResult("h2", 1_000_000, 64, 2, 14_723.5, 2.25, 16.7, 230_112,
                List.of(new Sample(0, 180_000, 12_582_912L), new Sample(10.5, 230_112, 25_165_824L)),
                Instant.parse("2025-01-02T03:04:05.123456789Z"), "c9b61fd");
    }

    static BenchmarkResult bareWithoutFile() {
        return new BenchmarkResult("bare", 1000, 8, 1, 44_181, 0.4, 1.5, 98_304,
                List.of(new Sample(0.25, 98_304, null)), Instant.parse("2025-01-02T03:00:00Z"), null);
    }

    @Test
    void two_appended_results_are_read_back_equal_in_order() throws IOException {
        Path file = folder.resolve("results/load.jsonl");

        BenchmarkResults.append(file, h2Soak());
        BenchmarkResults.append(file, bareWithoutFile());

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).as("one result a line").hasSize(2);
        assertThat(BenchmarkResults.read(file)).containsExactly(h2Soak(), bareWithoutFile());
    }

    @Test
    void a_result_is_written_with_the_documented_field_names() {
        JsonObject json = h2Soak().toJson();

        assertThat(json.fieldNames()).containsExactly("system", "sessions", "connections", "run",
                "rotations_per_second", "p50_ms", "p99_ms", "max_rss_kib", "timeline", "started_at", "commit");
        assertThat(json.getString("started_at")).isEqualTo("2025-01-02T03:04:05.123456789Z");
        assertThat(json.getJsonArray("timeline").getJsonObject(1).fieldNames())
                .containsExactly("seconds", "rss_kib", "file_bytes");
    }

    @Test
    void a_sample_without_a_file_leaves_file_bytes_out_and_a_missing_commit_is_null() {
        JsonObject json = bareWithoutFile().toJson();

        assertThat(json.getJsonArray("timeline").getJsonObject(0).containsKey("file_bytes")).isFalse();
        assertThat(json.containsKey("commit")).isTrue();
        assertThat(json.getValue("commit")).isNull();
        assertThat(BenchmarkResult.fromJson(new JsonObject(json.encode())).timeline().get(0).fileBytes()).isNull();
    }

    @Test
    void blank_lines_are_skipped() throws IOException {
        Path file = folder.resolve("load.jsonl");
        Files.writeString(file, "\n" + bareWithoutFile().toJson().encode() + "\n\n", StandardCharsets.UTF_8);

        assertThat(BenchmarkResults.read(file)).containsExactly(bareWithoutFile());
    }

    @Test
    void a_line_that_is_not_a_result_is_named_by_file_and_number() throws IOException {
        Path file = folder.resolve("load.jsonl");
        JsonObject withoutP99 = bareWithoutFile().toJson();
        withoutP99.remove("p99_ms");
        Files.writeString(file, bareWithoutFile().toJson().encode() + "\n" + withoutP99.encode() + "\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BenchmarkResults.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":2: ").hasMessageContaining("p99_ms");
    }

    @Test
    void a_line_that_is_not_json_is_named_by_file_and_number() throws IOException {
        Path file = folder.resolve("load.jsonl");
        Files.writeString(file, "{\"system\": \n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BenchmarkResults.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":1: ");
    }
}
