package dev.customertokens.benchmarks.plots;

import dev.customertokens.benchmarks.plots.SvgLineChart.Point;
import dev.customertokens.benchmarks.plots.SvgLineChart.XAxis;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Draws the load benchmark's results file ({@link BenchmarkResults}) as the SVG plots that
 * {@code docs/benchmarks.md} shows: rotations/s and p99 against connections and against sessions, a line a
 * system through the median of its runs at each point, and the server's RSS and database file over the longest
 * soak. A plot the results cannot fill is skipped with the reason on standard error; each file written is
 * printed. The same results always give the same files.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.customertokens.benchmarks.plots.Plots RESULTS.jsonl OUT_DIR
 * </pre>
 */
public final class Plots {

    static final String USAGE =
            "usage: java -cp benchmarks/target/benchmarks.jar dev.customertokens.benchmarks.plots.Plots RESULTS.jsonl OUT_DIR";
    static final String SOAK_FILE = "soak.svg";

    /** What a sweep varies (x) and what it holds at its most common value. */
    private record Sweep(String varied, ToIntFunction<BenchmarkResult> x, XAxis axis, String xLabel, String held,
            ToIntFunction<BenchmarkResult> heldValue) {
    }

    /** What a sweep's plot shows on y. */
    private record Metric(String fileStem, String title, String yLabel, ToDoubleFunction<BenchmarkResult> value) {
    }

    /** A plot to write, or the reason it is left out. */
    private record Plot(String file, SvgLineChart chart, String whySkipped) {
    }

    private static final List<Sweep> SWEEPS = List.of(
            new Sweep("connections", BenchmarkResult::connections, XAxis.LINEAR, "connections",
                    "sessions", BenchmarkResult::sessions),
            new Sweep("sessions", BenchmarkResult::sessions, XAxis.LOG10, "sessions (log scale)",
                    "connections", BenchmarkResult::connections));
    private static final List<Metric> METRICS = List.of(
            new Metric("rotations", "Rotations per second", "rotations/s, median of runs",
                    BenchmarkResult::rotationsPerSecond),
            new Metric("p99", "p99 latency", "p99 latency (ms), median of runs", BenchmarkResult::p99Ms));
    private static final double KIB_PER_MIB = 1024;
    private static final double BYTES_PER_MIB = 1024 * 1024;

    private Plots() {
    }

    public static void main(String[] args) throws IOException {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** @return the exit status: 0 when done, 1 when the results file cannot be read, 2 on wrong arguments */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 2) {
            err.println(USAGE);
            return 2;
        }
        List<BenchmarkResult> results;
        try {
            results = BenchmarkResults.read(Path.of(args[0]));
        } catch (NoSuchFileException e) {
            err.println("no such results file: " + args[0]);
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        Path folder = Path.of(args[1]);
        Files.createDirectories(folder);
        for (Path written : write(results, folder, err)) {
            out.println(written);
        }
        return 0;
    }

    /**
     * Writes every plot the results can fill into the folder, and says on {@code skipped} why any other is not.
     *
     * @return the files written
     */
    public static List<Path> write(List<BenchmarkResult> results, Path folder, PrintStream skipped) throws IOException {
        List<Plot> plots = new ArrayList<>();
        for (Sweep sweep : SWEEPS) {
            for (Metric metric : METRICS) {
                plots.add(sweepPlot(results, sweep, metric));
            }
        }
        plots.add(soakPlot(results));
        List<Path> written = new ArrayList<>();
        for (Plot plot : plots) {
            if (plot.chart() == null) {
                skipped.println("skipped " + plot.file() + ": " + plot.whySkipped());
                continue;
            }
            Path file = folder.resolve(plot.file());
            plot.chart().write(file);
            written.add(file);
        }
        return written;
    }

    private static Plot sweepPlot(List<BenchmarkResult> results, Sweep sweep, Metric metric) {
        String file = metric.fileStem() + "-by-" + sweep.varied() + ".svg";
        OptionalInt held = mostCommon(results, sweep.heldValue());
        if (held.isEmpty()) {
            return new Plot(file, null, "the results file holds no result");
        }
        String at = SvgLineChart.value(held.getAsInt()) + " " + sweep.held();
        List<BenchmarkResult> points = results.stream()
                .filter(result -> sweep.heldValue().applyAsInt(result) == held.getAsInt()).toList();
        List<Integer> xs = points.stream().map(sweep.x()::applyAsInt).distinct().sorted().toList();
        if (xs.size() < 2) {
            return new Plot(file, null, "the results at " + at + " have a single " + sweep.varied() + " value ("
                    + SvgLineChart.value(xs.get(0)) + "); a sweep needs two or more");
        }
        SvgLineChart chart = new SvgLineChart(metric.title() + " by " + sweep.varied() + " (" + at + ")",
                sweep.xLabel(), metric.yLabel(), sweep.axis());
        Map<String, List<BenchmarkResult>> bySystem = points.stream()
                .collect(Collectors.groupingBy(BenchmarkResult::system, LinkedHashMap::new, Collectors.toList()));
        bySystem.forEach((system, runs) -> chart.addSeries(system, medians(runs, sweep.x(), metric.value())));
        return new Plot(file, chart, null);
    }

    private static Plot soakPlot(List<BenchmarkResult> results) {
        BenchmarkResult longest = null;
        for (BenchmarkResult result : results) {
            if (result.timeline().size() >= 2 && (longest == null || duration(result) > duration(longest))) {
                longest = result;
            }
        }
        if (longest == null) {
            return new Plot(SOAK_FILE, null, "no result has a timeline of two samples or more");
        }
        SvgLineChart chart = new SvgLineChart("Soak: " + longest.system() + ", "
                + SvgLineChart.value(longest.sessions()) + " sessions, "
                + SvgLineChart.value(longest.connections()) + " connections",
                "seconds since the load began", "MiB", XAxis.LINEAR);
        chart.addSeries("server RSS", longest.timeline().stream()
                .map(sample -> new Point(sample.seconds(), sample.rssKib() / KIB_PER_MIB)).toList());
        List<Point> file = longest.timeline().stream().filter(sample -> sample.fileBytes() != null)
                .map(sample -> new Point(sample.seconds(), sample.fileBytes() / BYTES_PER_MIB)).toList();
        if (!file.isEmpty()) {
            chart.addSeries("database file", file);
        }
        return new Plot(SOAK_FILE, chart, null);
    }

    private static double duration(BenchmarkResult result) {
        return result.timeline().stream().mapToDouble(BenchmarkResult.Sample::seconds).max().orElse(0)
                - result.timeline().stream().mapToDouble(BenchmarkResult.Sample::seconds).min().orElse(0);
    }

    /** The value most results share; of values as common, the smallest, so that the choice is stable. */
    private static OptionalInt mostCommon(List<BenchmarkResult> results, ToIntFunction<BenchmarkResult> value) {
        Map<Integer, Long> counts = results.stream()
                .collect(Collectors.groupingBy(value::applyAsInt, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Comparator.comparingLong(Map.Entry<Integer, Long>::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(entry -> OptionalInt.of(entry.getKey())).orElse(OptionalInt.empty());
    }

    private static List<Point> medians(List<BenchmarkResult> runs, ToIntFunction<BenchmarkResult> x,
            ToDoubleFunction<BenchmarkResult> y) {
        Map<Integer, List<Double>> byX = runs.stream().collect(Collectors.groupingBy(x::applyAsInt, TreeMap::new,
                Collectors.mapping(y::applyAsDouble, Collectors.toList())));
        return byX.entrySet().stream().map(entry -> new Point(entry.getKey(), median(entry.getValue()))).toList();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
