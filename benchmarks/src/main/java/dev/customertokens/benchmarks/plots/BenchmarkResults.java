package dev.customertokens.benchmarks.plots;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The results file of the load benchmark: JSON Lines, one {@link BenchmarkResult} a line, appended to as each
 * system's run ends, so that runs of several invocations (a sweep over connections or sessions) add up to one
 * file for {@link Plots}. Blank lines are ignored; any other line must be a whole result.
 */
public final class BenchmarkResults {

    private BenchmarkResults() {
    }

    /** Adds the result as the file's last line, creating the file and its folder when missing. */
    public static void append(Path file, BenchmarkResult result) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Files.writeString(file, result.toJson().encode() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Every result in the file, in the order they were appended.
     *
     * @throws IllegalArgumentException naming the file and line when a line is not a result
     */
    public static List<BenchmarkResult> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<BenchmarkResult> results = new ArrayList<>(lines.size());
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank()) {
                continue;
            }
            try {
                results.add(BenchmarkResult.fromJson(new JsonObject(line)));
            } catch (DecodeException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (index + 1) + ": " + e.getMessage(), e);
            }
        }
        return results;
    }
}
