package dev.customertokens.benchmarks.plots;

import dev.customertokens.benchmarks.plots.SvgLineChart.Point;
import dev.customertokens.benchmarks.plots.SvgLineChart.XAxis;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The SVG line chart: well-formed SVG that draws what it is given, on readable axes, the same bytes every time. */
class SvgLineChartTest {

    private static SvgLineChart threeSystems() {
        return new SvgLineChart("Rotations per second by connections", "connections", "rotations/s", XAxis.LINEAR)
                .addSeries("bare", List.of(new Point(8, 40_000), new Point(16, 44_000), new Point(64, 47_000),
                        new Point(128, 46_500)))
                .addSeries("h2", List.of(new Point(64, 15_000), new Point(8, 9_000), new Point(16, 12_500)))
                .addSeries("postgres", List.of(new Point(64, 5_320)));
    }

    @Test
    void draws_a_line_per_series_a_marker_per_point_and_a_legend_entry_per_series() {
        SvgDocument svg = SvgDocument.parse(threeSystems().toSvg());

        assertThat(svg.root().getLocalName()).isEqualTo("svg");
        assertThat(svg.root().getAttribute("version")).isEqualTo("1.1");
        assertThat(svg.elements("polyline")).hasSize(3);
        assertThat(svg.elements("g", "series")).extracting(series -> series.getElementsByTagNameNS(
                SvgDocument.SVG_NAMESPACE, "circle").getLength()).containsExactly(4, 3, 1);
        assertThat(svg.elements("g", "legend-entry")).hasSize(3);
        assertThat(svg.texts("legend-name")).containsExactly("bare", "h2", "postgres");
        assertThat(svg.elements("g", "series")).extracting(series -> series.getAttribute("stroke"))
                .as("a colour of its own for each series").doesNotHaveDuplicates();
    }

    @Test
    void a_series_denser_than_markers_can_show_is_a_line_alone() {
        List<Point> dense = IntStream.range(0, SvgLineChart.MOST_MARKERS + 1)
                .mapToObj(second -> new Point(second, 200 + second)).toList();
        SvgDocument svg = SvgDocument.parse(new SvgLineChart("Soak", "s", "MiB", XAxis.LINEAR)
                .addSeries("server RSS", dense).addSeries("database file", dense.subList(0, SvgLineChart.MOST_MARKERS))
                .toSvg());

        assertThat(svg.elements("polyline")).extracting(line -> line.getAttribute("points").split(" ").length)
                .containsExactly(SvgLineChart.MOST_MARKERS + 1, SvgLineChart.MOST_MARKERS);
        assertThat(svg.elements("circle")).extracting(Element::getTextContent).hasSize(SvgLineChart.MOST_MARKERS)
                .allSatisfy(marker -> assertThat(marker).startsWith("database file ("));
    }

    @Test
    void stands_on_a_white_background_that_fills_the_picture() {
        SvgDocument svg = SvgDocument.parse(threeSystems().toSvg());

        Element background = svg.elements("rect").get(0);
        assertThat(background.getAttribute("fill")).isEqualTo("#ffffff");
        assertThat(background.getAttribute("width")).isEqualTo(svg.root().getAttribute("width"));
        assertThat(background.getAttribute("height")).isEqualTo(svg.root().getAttribute("height"));
    }

    @Test
    void a_linear_axis_has_ticks_at_one_two_five_steps_and_y_starts_at_zero() {
        SvgDocument svg = SvgDocument.parse(new SvgLineChart("t", "connections", "rotations/s", XAxis.LINEAR)
                .addSeries("h2", List.of(new Point(8, 9_000), new Point(128, 17_700))).toSvg());

        assertThat(svg.texts("x-tick")).containsExactly("0", "20", "40", "60", "80", "100", "120", "140");
        assertThat(svg.texts("y-tick")).containsExactly("0", "5,000", "10,000", "15,000", "20,000");
    }

    @Test
    void small_values_get_the_decimals_their_step_needs() {
        SvgDocument svg = SvgDocument.parse(new SvgLineChart("t", "x", "p99 ms", XAxis.LINEAR)
                .addSeries("h2", List.of(new Point(1, 0.3), new Point(2, 1.1))).toSvg());

        assertThat(svg.texts("y-tick")).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2");
    }

    @Test
    void a_log_axis_has_its_ticks_at_powers_of_ten_spaced_evenly() {
        SvgDocument svg = SvgDocument.parse(new SvgLineChart("t", "sessions (log scale)", "rotations/s", XAxis.LOG10)
                .addSeries("h2", List.of(new Point(1_000, 15_000), new Point(10_000, 14_000),
                        new Point(100_000, 9_000), new Point(1_000_000, 4_000))).toSvg());

        assertThat(svg.texts("x-tick")).containsExactly("1,000", "10,000", "100,000", "1,000,000");
        List<Double> xs = svg.elements("circle").stream().map(circle -> Double.valueOf(circle.getAttribute("cx"))).toList();
        assertThat(xs.get(1) - xs.get(0)).isPositive().isCloseTo(xs.get(2) - xs.get(1), within(0.15))
                .isCloseTo(xs.get(3) - xs.get(2), within(0.15));
    }

    @Test
    void a_log_axis_refuses_an_x_of_zero() {
        SvgLineChart chart = new SvgLineChart("t", "sessions", "rotations/s", XAxis.LOG10);

        assertThatThrownBy(() -> chart.addSeries("h2", List.of(new Point(0, 1), new Point(10, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("h2");
    }

    @Test
    void a_larger_value_is_drawn_higher_and_further_right() {
        SvgDocument svg = SvgDocument.parse(new SvgLineChart("t", "x", "y", XAxis.LINEAR)
                .addSeries("h2", List.of(new Point(2, 20), new Point(1, 10))).toSvg());

        List<Element> markers = svg.elements("circle");
        assertThat(markers.get(0).getTextContent()).isEqualTo("h2 (1, 10)");
        assertThat(Double.valueOf(markers.get(1).getAttribute("cx"))).isGreaterThan(Double.valueOf(markers.get(0).getAttribute("cx")));
        assertThat(Double.valueOf(markers.get(1).getAttribute("cy"))).isLessThan(Double.valueOf(markers.get(0).getAttribute("cy")));
    }

    @Test
    void markup_in_a_title_label_or_name_is_escaped() {
        String title = "p99 <&> 'single' \"double\"";
        String svg = new SvgLineChart(title, "x <", "y &", XAxis.LINEAR)
                .addSeries("a<b&c", List.of(new Point(1, 1), new Point(2, 2))).toSvg();

        assertThat(svg).contains("p99 &lt;&amp;&gt;");
        SvgDocument document = SvgDocument.parse(svg);
        assertThat(document.elements("title").get(0).getTextContent()).isEqualTo(title);
        assertThat(document.texts("title")).containsExactly(title);
        assertThat(document.texts("x-label")).containsExactly("x <");
        assertThat(document.texts("y-label")).containsExactly("y &");
        assertThat(document.texts("legend-name")).containsExactly("a<b&c");
    }

    @Test
    void the_same_chart_gives_the_same_bytes_whatever_the_default_locale() {
        String first = threeSystems().toSvg();
        Locale before = Locale.getDefault();
        String second;
        try {
            // a decimal comma, and a dot as the thousands separator
            Locale.setDefault(Locale.GERMANY);
            second = threeSystems().toSvg();
        } finally {
            Locale.setDefault(before);
        }

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(">10,000<").doesNotContainPattern("=\"\\d+,\\d");
    }
}
