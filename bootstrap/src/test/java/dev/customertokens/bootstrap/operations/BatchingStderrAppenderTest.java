package dev.customertokens.bootstrap.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log's appender: every line written, in each thread's order, none dropped when the writer lags. */
class BatchingStderrAppenderTest {

    /** SLF4J's own context, with its MDC: what the service's loggers run in. */
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("customer-tokens.access");

    private BatchingStderrAppender appender(OutputStream out, int capacity) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        BatchingStderrAppender appender = new BatchingStderrAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setCapacity(capacity);
        appender.setOutput(out);
        appender.start();
        return appender;
    }

    private LoggingEvent event(String message) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
    }

    @Test
    void every_line_of_many_threads_is_written_once_in_its_threads_order() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchingStderrAppender appender = appender(out, 65_536);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    appender.doAppend(event(thread + ":" + i));
                }
            }));
        }
        for (Future<?> each : done) {
            each.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        appender.stop();

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(40_000).doesNotHaveDuplicates();
        int[] next = new int[8];
        for (String line : lines) {
            int thread = Integer.parseInt(line.substring(0, line.indexOf(':')));
            assertThat(Integer.parseInt(line.substring(line.indexOf(':') + 1))).isEqualTo(next[thread]++);
        }
    }

    @Test
    void when_the_writer_lags_a_full_queue_makes_threads_wait_and_drops_nothing() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(bytes, offset, length);
            }
        };
        BatchingStderrAppender appender = appender(stalled, 10);
        int[] appended = {0};
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                appender.doAppend(event("line " + i));
                appended[0] = i + 1;
            }
        });
        producer.start();
        // the writer holds one batch in the stalled stream; the queue fills; the producer waits for room
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (producer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(producer.getState()).as("waiting for room, not dropping").isEqualTo(Thread.State.TIMED_WAITING);
        assertThat(producer.isAlive()).isTrue();
        released.countDown();
        producer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(appended[0]).isEqualTo(100);
        appender.stop();

        assertThat(written.toString(StandardCharsets.UTF_8).lines()).hasSize(100).startsWith("line 0").endsWith("line 99");
    }
}
