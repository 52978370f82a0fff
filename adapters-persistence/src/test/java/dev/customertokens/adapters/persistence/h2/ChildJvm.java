package dev.customertokens.adapters.persistence.h2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test child's {@code main} in a JVM of its own, its standard output and error collected line by line as they
 * come, killed (SIGKILL) when closed.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-ea", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    private static void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the child is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    long pid() {
        return process.pid();
    }

    /** Standard output so far. */
    List<String> lines() {
        return List.copyOf(out);
    }

    /** Waits until {@code count} lines of standard output match; fails naming the child's errors if it ends first. */
    void await(Predicate<String> matching, long count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (out.stream().filter(matching).count() < count) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child " + (process.isAlive() ? "is still waiting" : "ended, exit "
                        + process.exitValue()) + "; its last output: " + out.subList(Math.max(0, out.size() - 5),
                        out.size()) + "; its errors: " + String.join("\n", err));
            }
            Thread.sleep(10);
        }
    }

    /** @return the exit code, once the child ended by itself */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not end");
        }
        return process.exitValue();
    }

    /** Standard error so far. */
    String errors() {
        return String.join("\n", err);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child could not be killed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
