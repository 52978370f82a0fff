package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.adapters.persistence.EmbeddedDurability;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by {@link PowerCutTest} in a JVM of its own: writers rotate their sessions on a {@link FaultyFiles} disk,
 * saying "rotated ID N" for each acknowledged rotation; after enough of them the power goes, the files become what
 * their syncs left, the child says so and ends at once, as a machine that lost power.
 * Arguments: the database's path, {@code PROCESS} or {@code POWER}, the rotations before the cut, segment bytes.
 */
public final class PowerCutChild {

    static final String ROTATED = "rotated ";
    static final String CUT = "power cut";
    private static final int WRITERS = 8;

    private static volatile boolean powerOff;

    private PowerCutChild() {
    }

    public static void main(String[] args) throws Exception {
        FaultyFiles.reset();
        Path path = Path.of(args[0]);
        String url = FaultyFiles.url(path);
        int cutAfter = Integer.parseInt(args[2]);
        RotationJournal.segmentBytes = Long.parseLong(args[3]);
        Database database = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("sa").password("")
                .embeddedDurability(EmbeddedDurability.valueOf(args[1])).build());
        Sessions sessions = database.sessions();
        List<SessionId> ids = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            SessionId id = sessions.nextId();
            sessions.create(Session.begin(id, customerOf(id), ApplicationId.of(15), null, Instant.EPOCH, "jti-0"));
            ids.add(id);
        }
        // the sessions are on the disk in either mode: what a cut may take is the rotations alone
        try (Connection connection = DriverManager.getConnection(H2Urls.effective(url), "sa", "")) {
            FileCheckpoint.run(connection, true);
        }
        AtomicLong acknowledged = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (SessionId id : ids) {
            Thread writer = new Thread(() -> rotateUntilThePowerGoes(sessions, id, acknowledged));
            writer.start();
            writers.add(writer);
        }
        while (acknowledged.get() < cutAfter) {
            Thread.sleep(1);
        }
        powerOff = true;
        FaultyFiles.cutPower();
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        FaultyFiles.restoreAfterPowerCut(Path.of(path + ".mv.db"), Path.of(path + RotationJournal.DIRECTORY_SUFFIX));
        report(CUT);
        Runtime.getRuntime().halt(0);
    }

    private static void rotateUntilThePowerGoes(Sessions sessions, SessionId id, AtomicLong acknowledged) {
        try {
            for (long n = 1; ; n++) {
                if (!sessions.rotate(new Rotation(id, customerOf(id), "jti-" + (n - 1), "jti-" + n, Instant.EPOCH,
                        RequestId.of("request-" + n), null))) {
                    throw new IllegalStateException("rotation " + n + " of " + id.value() + " did not apply");
                }
                report(ROTATED + id.value() + " " + n);
                acknowledged.incrementAndGet();
            }
        } catch (RuntimeException e) {
            if (!powerOff) {
                e.printStackTrace();
                Runtime.getRuntime().halt(1);
            }
        }
    }

    static CustomerId customerOf(SessionId id) {
        return CustomerId.of("cut-" + id.value());
    }

    private static void report(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
