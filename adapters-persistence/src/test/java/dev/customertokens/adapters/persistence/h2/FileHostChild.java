package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Run by {@link FileHostTest} and {@link FileBackupTest} in a JVM of its own, on the embedded file its second argument names: a service whose
 * writers rotate (and retry through the moments the store is unreachable), an idle service, or a command that keeps
 * using the file and says when its process has come to hold it.
 */
public final class FileHostChild {

    static final String WRITERS = "writers";
    static final String SERVICE = "service";
    static final String COMMAND = "command";
    static final String READY = "ready";
    static final String HOSTING = "hosting";
    static final String ROTATED = "rotated ";
    /** A rotation acknowledged before, then not found: what a client would see as reuse. */
    static final String LOST = "lost ";

    private FileHostChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        boolean service = !args[0].equals(COMMAND);
        Database database = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("sa").password("")
                .service(service).migration(service ? DatabaseSettings.Migration.ALWAYS
                        : DatabaseSettings.Migration.WHEN_BEHIND).build());
        report(READY);
        if (args[0].equals(WRITERS)) {
            for (int w = 0; w < 8; w++) {
                Thread writer = new Thread(() -> rotateWithRetries(database.sessions(), FileHostChild::report, () -> true));
                writer.setDaemon(true);
                writer.start();
            }
        }
        boolean hosting = false;
        while (true) {
            Thread.sleep(50);
            if (args[0].equals(COMMAND)) {
                database.ping();
                if (!hosting && holdsTheFile(url)) {
                    hosting = true;
                    report(HOSTING);
                }
            }
        }
    }

    private static boolean holdsTheFile(String url) {
        try (Connection connection = DriverManager.getConnection(H2Urls.effective(url), "sa", "")) {
            return IdleFileCompaction.localFileStore(connection).isPresent();
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The last rotation acknowledged for each session, by the {@link #ROTATED} lines among {@code lines}.
     */
    static Map<Long, Long> acknowledged(List<String> lines) {
        Map<Long, Long> acknowledged = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith(ROTATED)) {
                String[] parts = line.substring(ROTATED.length()).split(" ");
                acknowledged.merge(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Math::max);
            }
        }
        return acknowledged;
    }

    /**
     * Rotates sessions of its own for ever, as a client that retries whatever the store could not answer, and
     * reports each rotation acknowledged ({@link #ROTATED}) or lost ({@link #LOST}); ends with a session once
     * {@code going} turns false.
     */
    static void rotateWithRetries(Sessions sessions, Consumer<String> report, BooleanSupplier going) {
        while (going.getAsBoolean()) {
            SessionId id = retried(sessions::nextId);
            CustomerId customer = CustomerId.of("hosted-" + id.value());
            Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
            retried(() -> {
                sessions.create(Session.begin(id, customer, ApplicationId.of(15), null, now, "jti-0"));
                return null;
            });
            for (int n = 1; n <= 50; n++) {
                Rotation rotation = new Rotation(id, customer, "jti-" + (n - 1), "jti-" + n, now,
                        RequestId.of("request-" + n), null);
                boolean applied = retried(() -> sessions.rotate(rotation));
                String expected = "jti-" + n;
                // an attempt whose outcome was unknown may have applied it
                if (!applied && !retried(() -> sessions.find(id)).map(Session::currentJti).orElse("").equals(expected)) {
                    report.accept(LOST + id.value() + " " + n);
                    return;
                }
                report.accept(ROTATED + id.value() + " " + n);
            }
        }
    }

    private static <T> T retried(Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (StorageUnavailableException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    private static void report(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
