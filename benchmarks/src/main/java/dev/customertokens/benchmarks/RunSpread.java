package dev.customertokens.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spread of repeated runs of each system: median, lowest and highest of its rate, of its share of the
 * bare route measured in the same run, and of its p99. A best run says nothing about the run a user gets.
 */
final class RunSpread {

    private final Map<String, List<double[]>> runs = new LinkedHashMap<>();

    /** @param bare the bare route's rate in the same run, or null when it did not run before this system */
    void add(String system, double rate, Double bare, double p99Ms) {
        runs.computeIfAbsent(system, name -> new ArrayList<>())
                .add(new double[] {rate, bare == null ? Double.NaN : 100 * rate / bare, p99Ms});
    }

    void print(PrintStream out) {
        out.println("Spread over the runs: median (lowest–highest)");
        out.println();
        out.println("| system | runs | rotations/s | of bare route | p99 ms |");
        out.println("| --- | --- | --- | --- | --- |");
        runs.forEach((system, figures) -> out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", system,
                figures.size(), spread(figures, 0, "%,.0f"), spread(figures, 1, "%.0f%%"), spread(figures, 2, "%.2f")));
    }

    private static String spread(List<double[]> figures, int column, String format) {
        double[] values = figures.stream().mapToDouble(figure -> figure[column]).filter(v -> !Double.isNaN(v))
                .sorted().toArray();
        if (values.length == 0) {
            return "–";
        }
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median, values[0],
                values[values.length - 1]);
    }
}
