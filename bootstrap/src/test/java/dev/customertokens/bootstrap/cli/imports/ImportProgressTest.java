package dev.customertokens.bootstrap.cli.imports;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ImportProgressTest {

    private final StringWriter err = new StringWriter();
    private long now = 5_000_000_000L;

    private ImportProgress progress(boolean terminal) {
        return new ImportProgress(new PrintWriter(err), terminal, 3000, () -> now);
    }

    @Test
    void on_a_terminal_the_progress_line_is_redrawn_at_most_once_a_second_then_ended_by_the_summary() {
        ImportProgress progress = progress(true);
        progress.written(1000);
        now += TimeUnit.MILLISECONDS.toNanos(1000);
        progress.written(2000);
        now += TimeUnit.MILLISECONDS.toNanos(500);
        progress.written(2500);
        progress.finished(3000);

        assertThat(err.toString()).isEqualTo("\rcustomer-tokens: imported 2,000 of 3,000 accounts (66%)"
                + System.lineSeparator() + "customer-tokens: imported 3,000 accounts in 1.5 s (2,000 a second)"
                + System.lineSeparator());
    }

    @Test
    void elsewhere_only_the_summary_is_written() {
        ImportProgress progress = progress(false);
        now += TimeUnit.SECONDS.toNanos(2);
        progress.written(2000);
        now += TimeUnit.SECONDS.toNanos(2);
        progress.finished(3000);

        assertThat(err.toString()).isEqualTo("customer-tokens: imported 3,000 accounts in 4.0 s (750 a second)"
                + System.lineSeparator());
    }
}
