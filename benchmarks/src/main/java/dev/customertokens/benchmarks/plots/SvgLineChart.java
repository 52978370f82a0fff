package dev.customertokens.benchmarks.plots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart as a standalone SVG 1.1 file: a title, labelled axes with ticks at 1-2-5 steps (powers of ten on
 * a log x axis), one polyline for each series with a marker per point (unless dense), and a legend. A white background and
 * the Okabe-Ito palette keep it readable in GitHub's dark mode and without telling red from green. The y axis
 * starts at zero for positive values, so that a line's height compares with another's. Same chart, same bytes.
 */
final class SvgLineChart {

    /** How x values are spread over the width. */
    enum XAxis { LINEAR, LOG10 }

    /** One point of a series; both coordinates finite. */
    record Point(double x, double y) {
        Point {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("a point needs finite coordinates: " + x + ", " + y);
            }
        }
    }

    private record Series(String name, String colour, List<Point> points) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    private static final int PLOT_LEFT = 80;
    private static final int PLOT_RIGHT = WIDTH - 170;
    private static final int PLOT_TOP = 50;
    private static final int PLOT_BOTTOM = HEIGHT - 60;
    /** Past this many points a series is a line alone: its markers would merge into a thicker line. */
    static final int MOST_MARKERS = 40;
    /** Okabe-Ito, the colours that read well on white first. */
    private static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000", "#F0E442");

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final XAxis xAxis;
    private final List<Series> series = new ArrayList<>();

    SvgLineChart(String title, String xLabel, String yLabel, XAxis xAxis) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
        this.xAxis = Objects.requireNonNull(xAxis, "xAxis");
    }

    /** Adds a series in the palette's next colour; its points are joined in the order of x. */
    SvgLineChart addSeries(String name, List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("series " + name + " has no points");
        }
        if (xAxis == XAxis.LOG10 && points.stream().anyMatch(point -> point.x() <= 0)) {
            throw new IllegalArgumentException("series " + name + " has an x of zero or less on a log axis");
        }
        List<Point> byX = points.stream().sorted(Comparator.comparingDouble(Point::x)).toList();
        series.add(new Series(Objects.requireNonNull(name, "name"), PALETTE.get(series.size() % PALETTE.size()), byX));
        return this;
    }

    /** Writes {@link #toSvg()} to the file in UTF-8, replacing it. */
    void write(Path file) throws IOException {
        Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
    }

    /** The whole SVG document; needs at least one series. */
    String toSvg() {
        if (series.isEmpty()) {
            throw new IllegalStateException("a chart needs at least one series: " + title);
        }
        List<Point> all = series.stream().flatMap(line -> line.points().stream()).toList();
        double minX = all.stream().mapToDouble(Point::x).min().orElseThrow();
        double maxX = all.stream().mapToDouble(Point::x).max().orElseThrow();
        double minY = all.stream().mapToDouble(Point::y).min().orElseThrow();
        double maxY = all.stream().mapToDouble(Point::y).max().orElseThrow();
        ChartAxis x = xAxis == XAxis.LOG10 ? ChartAxis.log10(minX, maxX) : ChartAxis.linear(minX, maxX);
        ChartAxis y = ChartAxis.linear(Math.min(0, minY), maxY);

        StringBuilder svg = new StringBuilder(8192);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"#222222\">\n")
                .append("  <title>").append(escape(title)).append("</title>\n")
                .append("  <rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>\n")
                .append(text("title", WIDTH / 2.0, 28, "middle", title, " font-size=\"16\" font-weight=\"bold\""));
        appendAxes(svg, x, y);
        series.forEach(line -> appendSeries(svg, line, x, y));
        appendLegend(svg);
        return svg.append("</svg>\n").toString();
    }

    private void appendAxes(StringBuilder svg, ChartAxis x, ChartAxis y) {
        svg.append("  <g class=\"grid\" stroke=\"#e0e0e0\" stroke-width=\"1\">\n");
        x.ticks().forEach(tick -> svg.append(line(left(x, tick), PLOT_TOP, left(x, tick), PLOT_BOTTOM, "")));
        y.ticks().forEach(tick -> svg.append(line(PLOT_LEFT, top(y, tick), PLOT_RIGHT, top(y, tick), "")));
        svg.append("  </g>\n  <g class=\"axes\" stroke=\"#444444\" stroke-width=\"1\">\n")
                .append(line(PLOT_LEFT, PLOT_BOTTOM, PLOT_RIGHT, PLOT_BOTTOM, ""))
                .append(line(PLOT_LEFT, PLOT_TOP, PLOT_LEFT, PLOT_BOTTOM, ""))
                .append("  </g>\n");
        x.ticks().forEach(tick -> svg.append(text("x-tick", left(x, tick), PLOT_BOTTOM + 18, "middle", x.label(tick), "")));
        y.ticks().forEach(tick -> svg.append(text("y-tick", PLOT_LEFT - 8, top(y, tick) + 4, "end", y.label(tick), "")));
        svg.append(text("x-label", (PLOT_LEFT + PLOT_RIGHT) / 2.0, HEIGHT - 18, "middle", xLabel, ""));
        svg.append(text("y-label", -(PLOT_TOP + PLOT_BOTTOM) / 2.0, 22, "middle", yLabel, " transform=\"rotate(-90)\""));
    }

    private void appendSeries(StringBuilder svg, Series line, ChartAxis x, ChartAxis y) {
        svg.append("  <g class=\"series\" stroke=\"").append(line.colour()).append("\" fill=\"")
                .append(line.colour()).append("\">\n    <polyline fill=\"none\" stroke-width=\"2\" points=\"");
        for (int index = 0; index < line.points().size(); index++) {
            Point point = line.points().get(index);
            svg.append(index == 0 ? "" : " ").append(number(left(x, point.x()))).append(',')
                    .append(number(top(y, point.y())));
        }
        svg.append("\"/>\n");
        for (Point point : line.points().size() <= MOST_MARKERS ? line.points() : List.<Point>of()) {
            svg.append("  <circle cx=\"").append(number(left(x, point.x()))).append("\" cy=\"")
                    .append(number(top(y, point.y()))).append("\" r=\"3.5\"><title>")
                    .append(escape(line.name() + " (" + value(point.x()) + ", " + value(point.y()) + ")"))
                    .append("</title></circle>\n");
        }
        svg.append("  </g>\n");
    }

    private void appendLegend(StringBuilder svg) {
        svg.append("  <g class=\"legend\">\n");
        for (int index = 0; index < series.size(); index++) {
            Series line = series.get(index);
            double top = PLOT_TOP + 8 + 20 * index;
            svg.append("  <g class=\"legend-entry\">\n")
                    .append(line(PLOT_RIGHT + 16, top, PLOT_RIGHT + 40, top,
                            " stroke=\"" + line.colour() + "\" stroke-width=\"2\""))
                    .append(text("legend-name", PLOT_RIGHT + 46, top + 4, "start", line.name(), ""))
                    .append("  </g>\n");
        }
        svg.append("  </g>\n");
    }

    private static double left(ChartAxis x, double value) {
        return PLOT_LEFT + x.fraction(value) * (PLOT_RIGHT - PLOT_LEFT);
    }

    private static double top(ChartAxis y, double value) {
        return PLOT_BOTTOM - y.fraction(value) * (PLOT_BOTTOM - PLOT_TOP);
    }

    private static String line(double x1, double y1, double x2, double y2, String more) {
        return "  <line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\""
                + number(y2) + "\"" + more + "/>\n";
    }

    private static String text(String kind, double x, double y, String anchor, String content, String more) {
        return "  <text class=\"" + kind + "\" x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\""
                + anchor + "\"" + more + ">" + escape(content) + "</text>\n";
    }

    /** A coordinate, with one decimal and a dot whatever the default locale. */
    private static String number(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate + 0.0);
    }

    /** A data value for a marker's tooltip: grouped thousands, at most two decimals. */
    static String value(double value) {
        String formatted = String.format(Locale.ROOT, "%,.2f", value + 0.0);
        return formatted.replaceAll("\\.?0+$", "");
    }

    /** Text for XML content or attributes; characters XML 1.0 cannot hold become U+FFFD. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.appendCodePoint(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? 0xFFFD : c);
            }
        });
        return escaped.toString();
    }
}
