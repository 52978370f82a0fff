package dev.customertokens.benchmarks;

import dev.customertokens.benchmarks.plots.BenchmarkResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Watches a server process during a run, on a thread of its own: its resident set every 250 ms for the peak, and
 * every 10 s the resident set and the database file's size (when there is a file) for the run's timeline.
 */
final class ServerSampler {

    private final Process server;
    private final Path databaseFile;
    private final AtomicLong maxRssKib = new AtomicLong();
    private final List<BenchmarkResult.Sample> timeline = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread = new Thread(this::sampleUntilStopped, "server-sampler");

    /** @param databaseFile the database file whose size is sampled, or null */
    ServerSampler(Process server, Path databaseFile) {
        this.server = server;
        this.databaseFile = databaseFile;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    long maxRssKib() {
        return maxRssKib.get();
    }

    List<BenchmarkResult.Sample> timeline() {
        return List.copyOf(timeline);
    }

    /** The database file's sizes, as a line of the report; null without a file. */
    String fileSizes() {
        if (databaseFile == null) {
            return null;
        }
        return timeline().stream().filter(sample -> sample.fileBytes() != null)
                .map(sample -> sample.fileBytes() / (1024 * 1024) + " MiB").collect(Collectors.joining(", "));
    }

    private void sampleUntilStopped() {
        Path status = Path.of("/proc", String.valueOf(server.pid()), "status");
        long ticks = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long rssKib = 0;
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rssKib = Long.parseLong(line.replaceAll("\\D", ""));
                        maxRssKib.accumulateAndGet(rssKib, Math::max);
                    }
                }
                if (ticks % 40 == 0) {
                    Long fileBytes = databaseFile != null && Files.exists(databaseFile) ? Files.size(databaseFile) : null;
                    timeline.add(new BenchmarkResult.Sample(ticks / 4.0, rssKib, fileBytes));
                }
                ticks++;
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the server ended; nothing more to sample
                return;
            }
        }
    }
}
