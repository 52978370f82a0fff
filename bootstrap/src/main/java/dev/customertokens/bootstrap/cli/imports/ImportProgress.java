package dev.customertokens.bootstrap.cli.imports;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What {@code customers import} tells the operator on standard error: on a terminal, a line rewritten at most
 * once a second with how far it is; always, one summary line at the end with the count, the seconds and the rate.
 */
public final class ImportProgress {

    private static final long REDRAW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final boolean terminal;
    private final long total;
    private final LongSupplier nanoTime;
    private final long startedAt;
    private long drawnAt;
    private boolean drawn;

    /**
     * @param err      standard error
     * @param terminal whether {@code err} is a terminal, where the progress line is drawn
     * @param total    how many accounts are to be written
     * @param nanoTime the clock the rate is measured with
     */
    public ImportProgress(PrintWriter err, boolean terminal, long total, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
        this.drawnAt = startedAt;
    }

    /**
     * Told the count written so far, after each batch.
     *
     * @param count the accounts written so far
     */
    public void written(long count) {
        long now = nanoTime.getAsLong();
        if (terminal && now - drawnAt >= REDRAW_NANOS) {
            drawnAt = now;
            drawn = true;
            err.print(String.format(Locale.ROOT, "\rcustomer-tokens: imported %,d of %,d accounts (%d%%)", count, total,
                    total == 0 ? 100 : count * 100 / total));
            err.flush();
        }
    }

    /**
     * Ends the progress line, if one was drawn, and prints the summary.
     *
     * @param count the accounts written
     */
    public void finished(long count) {
        double seconds = (nanoTime.getAsLong() - startedAt) / 1e9;
        if (drawn) {
            err.println();
        }
        err.println(String.format(Locale.ROOT, "customer-tokens: imported %,d accounts in %.1f s (%,.0f a second)",
                count, seconds, seconds > 0 ? count / seconds : 0.0));
        err.flush();
    }
}
