package dev.customertokens.bootstrap.operations;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log and the audit trail on standard error, written by a thread of its own in batches: a request's
 * thread only queues its event, with no lock and no system call, and the writer turns what it drained into one
 * write. No event is discarded: when {@code capacity} events wait, a request's thread waits for room. Why not
 * Logback's AsyncAppender: {@code docs/decisions/0018-access-log-without-a-lock.md}.
 */
public final class BatchingStderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final int BATCH_BYTES = 64 * 1024;
    private static final long LONGEST_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private Encoder<ILoggingEvent> encoder;
    private int capacity = 65_536;
    private OutputStream out;
    private Thread writer;
    private volatile boolean stopping;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** How many events may wait for the writer before a request's thread waits for room (default 65,536). */
    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    /** Where the lines go instead of standard error, for tests. */
    void setOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for the appender " + name);
            return;
        }
        if (out == null) {
            // fd 2 itself, not System.err: a PrintStream flushes on every write
            out = new FileOutputStream(FileDescriptor.err);
        }
        stopping = false;
        writer = new Thread(this::writeUntilStopped, "customer-tokens-log-writer");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        if (queued.incrementAndGet() > capacity) {
            waitForRoom();
        }
        queue.add(event);
    }

    private void waitForRoom() {
        long pause = TimeUnit.MICROSECONDS.toNanos(50);
        while (queued.get() > capacity && !stopping) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_IDLE_NANOS);
        }
    }

    private void writeUntilStopped() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_BYTES);
        long idle = 0;
        while (true) {
            boolean stopRequested = stopping;
            int written = drainInto(batch);
            if (written > 0) {
                idle = 0;
                continue;
            }
            if (stopRequested) {
                return;
            }
            // nothing to write: look again soon, less often the longer it stays quiet
            idle = idle == 0 ? TimeUnit.MILLISECONDS.toNanos(1) : Math.min(idle * 2, LONGEST_IDLE_NANOS);
            LockSupport.parkNanos(idle);
        }
    }

    /** Writes every event queued now, in batches of about {@value #BATCH_BYTES} bytes; returns how many. */
    private int drainInto(ByteArrayOutputStream batch) {
        int written = 0;
        for (ILoggingEvent event = queue.poll(); event != null; event = queue.poll()) {
            queued.decrementAndGet();
            try {
                batch.writeBytes(encoder.encode(event));
            } catch (RuntimeException e) {
                addError("cannot encode a log event", e);
            }
            written++;
            if (batch.size() >= BATCH_BYTES) {
                flush(batch);
            }
        }
        if (batch.size() > 0) {
            flush(batch);
        }
        return written;
    }

    private void flush(ByteArrayOutputStream batch) {
        try {
            batch.writeTo(out);
            out.flush();
        } catch (IOException e) {
            addError("cannot write the log", e);
        }
        batch.reset();
    }

    /** Writes what is still queued, then stops. */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        stopping = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
