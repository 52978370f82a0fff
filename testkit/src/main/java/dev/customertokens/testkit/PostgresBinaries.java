package dev.customertokens.testkit;

import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The programs of the embedded PostgreSQL ({@code initdb}, {@code pg_ctl}, {@code postgres}), found where
 * io.zonky unpacked them for {@link EmbeddedPostgresServer}, and run as child processes with a bounded wait.
 * The folder is read off a running server's backend, so it is whatever zonky chose on this machine. As
 * zonky does, they run in a user namespace of their own ({@code unshare -U}) where that is available, since
 * PostgreSQL refuses to run as root.
 */
final class PostgresBinaries {

    private static final long LONGEST_COMMAND_SECONDS = 120;
    private static Path directory;

    private PostgresBinaries() {
    }

    /** The folder holding {@code pg_ctl}; unpacks the binaries (by starting the shared server) the first time. */
    static synchronized Path directory() {
        if (directory == null) {
            directory = locate();
        }
        return directory;
    }

    private static Path locate() {
        try (Connection connection = EmbeddedPostgresServer.get().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            // a backend is forked from the postmaster: its executable is the unpacked bin/postgres
            String executable = ProcessHandle.of(backend.getLong(1)).flatMap(handle -> handle.info().command())
                    .orElseThrow(() -> new IllegalStateException("cannot see the PostgreSQL backend's executable"));
            Path bin = Path.of(executable).getParent();
            if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
                throw new IllegalStateException("no pg_ctl beside " + executable);
            }
            return bin;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code program} with {@code arguments}, its output appended to {@code log}.
     *
     * @throws IllegalStateException when it fails or outlasts two minutes, with the end of the log
     */
    static void run(Path log, String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(directory().resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(LONGEST_COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end; " + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + "; " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return "log " + log + ": " + text.substring(Math.max(0, text.length() - 2_000));
    }
}
