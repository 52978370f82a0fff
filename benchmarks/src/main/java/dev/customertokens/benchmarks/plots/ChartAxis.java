package dev.customertokens.benchmarks.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of an {@link SvgLineChart}: its range, widened to whole ticks; the ticks, at 1-2-5 steps on a linear
 * axis and at powers of ten on a log axis; and where a value falls, as a fraction of the axis's length.
 */
record ChartAxis(double low, double high, List<Double> ticks, boolean log, int decimals) {

    ChartAxis {
        ticks = List.copyOf(ticks);
    }

    /** About six intervals of 1, 2 or 5 times a power of ten, from the one below min to the one above max. */
    static ChartAxis linear(double min, double max) {
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) / 10;
            min = min == 0 ? 0 : min - pad;
            max += pad;
        }
        double rough = (max - min) / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double residual = rough / magnitude;
        double step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
        double low = Math.floor(min / step) * step;
        double high = Math.ceil(max / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (int index = 0; low + index * step <= high + step / 2; index++) {
            ticks.add(low + index * step);
        }
        return new ChartAxis(low, high, ticks, false, step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step)));
    }

    /** Whole decades, at least one, from the power of ten below min to the one above max; min must be positive. */
    static ChartAxis log10(double min, double max) {
        int lowPower = (int) Math.floor(Math.log10(min));
        int highPower = Math.max((int) Math.ceil(Math.log10(max)), lowPower + 1);
        List<Double> ticks = new ArrayList<>();
        for (int power = lowPower; power <= highPower; power++) {
            ticks.add(Math.pow(10, power));
        }
        return new ChartAxis(Math.pow(10, lowPower), Math.pow(10, highPower), ticks, true, Math.max(0, -lowPower));
    }

    /** Where the value falls: 0 at the low end, 1 at the high end. */
    double fraction(double value) {
        return log ? (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
                : (value - low) / (high - low);
    }

    /** A tick's label, its thousands grouped, with as many decimals as the step needs. */
    String label(double tick) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", tick + 0.0);
    }
}
