package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.Database;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.RevocationReason;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import dev.customertokens.application.port.out.StorageUnavailableException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by {@link H2DurabilityTest} in a JVM of its own: opens the H2 file database named by its argument,
 * begins and rotates a session, says so on standard output, and waits to be killed.
 */
public final class H2DurabilityChild {

    static final String ROTATED = "rotated session ";

    private H2DurabilityChild() {
    }

    static final String CONCURRENT = "concurrent";
    /** Writes through a second opening of the database, which finds the journal taken and uses checkpoints. */
    static final String THROUGH_CHECKPOINTS = "checkpoints";
    static final int CONCURRENT_WRITERS = 16;
    /**
     * Compacts the file in rounds, one after the other, while the writers rotate through checkpoints (never idle,
     * unlike the service).
     */
    static final String COMPACTING = "compacting";
    static final String COMPACTED = "compacted round ";
    /** Closes the database after {@link #CLOSE_AFTER} rotations, the writers still at work, and says so. */
    static final String CLOSING = "closing";
    static final int CLOSE_AFTER = 500;
    static final String CLOSED = "closed";
    /** Journal segments of a few records, so that the writers cross rollovers and truncations all the time. */
    static final String SMALL_SEGMENTS = "small-segments";
    /** Each writer revokes its session as reuse detection does (a journalled write) every few rotations. */
    static final String REVOKING = "revoking";
    static final String REVOKED = "revoked session ";
    static final int ROTATIONS_BEFORE_A_REVOCATION = 5;

    /**
     * The first of two rotations of one token has its transaction aborted once its record is in the journal, so
     * that its commit fails; the second commits and is the one reported.
     */
    static final String COMMIT_FAILS_AFTER_ITS_RECORD = "commit-fails";

    public static void main(String[] args) throws Exception {
        FaultyFiles.reset();
        String variant = args.length > 2 ? args[2] : "";
        if (variant.equals(SMALL_SEGMENTS)) {
            RotationJournal.segmentBytes = 4 * 1024;
        }
        Database database = Database.open(DatabaseSettings.of(args[0], "sa", ""));
        if (args.length > 1 && args[1].equals(COMMIT_FAILS_AFTER_ITS_RECORD)) {
            rotateTwiceTheFirstCommitFailing(database.sessions(), args[0]);
            return;
        }
        if (args.length > 2 && args[2].equals(THROUGH_CHECKPOINTS)) {
            database = Database.open(DatabaseSettings.of(args[0], "sa", ""));
        }
        if (args.length > 2 && args[2].equals(COMPACTING)) {
            compactUntilKilled(DriverManager.getConnection(H2Urls.effective(args[0]), "sa", ""));
            // the writers go through a second opening, which makes them durable by checkpoints of the store: the
            // journal, which would bring back whatever the store lost, stays empty
            database = Database.open(DatabaseSettings.of(args[0], "sa", ""));
        }
        Sessions sessions = database.sessions();
        if (args.length > 1 && args[1].equals(CONCURRENT)) {
            AtomicLong rotations = new AtomicLong();
            startWriters(sessions, rotations, variant.equals(REVOKING));
            if (variant.equals(CLOSING)) {
                closeWhileTheWritersWrite(database, args[0], rotations);
            }
            Thread.sleep(Long.MAX_VALUE);
        }
        SessionId id = sessions.nextId();
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        sessions.create(Session.begin(id, CustomerId.of("durable-customer"), ApplicationId.of(15), null, now, "jti-1"));
        if (!sessions.rotate(new Rotation(id, CustomerId.of("durable-customer"), "jti-1", "jti-2", now, RequestId.of("request-1"), null))) {
            throw new IllegalStateException("the rotation did not apply");
        }
        System.out.println(ROTATED + id.value());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void rotateTwiceTheFirstCommitFailing(Sessions sessions, String url) throws Exception {
        SessionId id = sessions.nextId();
        CustomerId customer = CustomerId.of("durable-customer");
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        sessions.create(Session.begin(id, customer, ApplicationId.of(15), null, now, "jti-0"));
        FaultyFiles.afterJournalWrite(record -> {
            if (new String(record, StandardCharsets.ISO_8859_1).contains("jti-1a")) {
                abortTransactionsInFlight(url);
            }
        });
        try {
            sessions.rotate(new Rotation(id, customer, "jti-0", "jti-1a", now, RequestId.of("request-a"), null));
            throw new IllegalStateException("the first rotation committed");
        } catch (StorageUnavailableException expected) {
            FaultyFiles.afterJournalWrite(record -> { });
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (!sessions.rotate(new Rotation(id, customer, "jti-0", "jti-1b", now, RequestId.of("request-b"), null))) {
                    throw new IllegalStateException("the second rotation did not apply");
                }
                break;
            } catch (StorageUnavailableException e) {
                // the pool hands out the aborted connection again until it checks it, after half a second idle
                if (attempt == 10) {
                    throw e;
                }
                Thread.sleep(600);
            }
        }
        System.out.println(ROTATED + id.value());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Aborts every session holding uncommitted changes: its commit then fails. */
    private static void abortTransactionsInFlight(String url) {
        try (Connection connection = DriverManager.getConnection(H2Urls.effective(url), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet sessions = statement.executeQuery(
                     "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE CONTAINS_UNCOMMITTED")) {
            while (sessions.next()) {
                try (Statement abort = connection.createStatement()) {
                    abort.execute("CALL ABORT_SESSION(" + sessions.getInt(1) + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compactUntilKilled(Connection connection) throws SQLException {
        IdleFileCompaction compaction = new IdleFileCompaction(IdleFileCompaction.localFileStore(connection).orElseThrow(),
                () -> 0);
        Thread compactor = new Thread(() -> {
            try {
                for (long round = 1; ; ) {
                    if (compaction.compactRound()) {
                        synchronized (System.out) {
                            System.out.println(COMPACTED + round++);
                            System.out.flush();
                        }
                    } else {
                        // nothing sparse yet, or the store lock taken: leave the two cores to the writers a moment
                        Thread.sleep(10);
                    }
                }
            } catch (Throwable e) {
                // the parent then waits for rounds that never come, or the writers stop, and the test fails
                e.printStackTrace();
                Runtime.getRuntime().halt(1);
            }
        });
        compactor.setDaemon(true);
        compactor.start();
    }

    /**
     * Writers on their own sessions, each rotating its session again as soon as the last rotation returned, and
     * saying so: "rotated ID N" means the session's N-th rotation was acknowledged, "revoked ID" that its revocation
     * was. A writer whose store fails (closed under it) stops.
     */
    private static void startWriters(Sessions sessions, AtomicLong rotations, boolean revoking) {
        for (int w = 0; w < CONCURRENT_WRITERS; w++) {
            Thread writer = new Thread(() -> {
                try {
                    while (true) {
                        rotateOneSession(sessions, rotations, revoking);
                    }
                } catch (StorageUnavailableException | IllegalStateException closed) {
                    // the database closed under the writer; a rotation that did not apply would be reported as well
                    if (!(closed instanceof StorageUnavailableException) && !closed.getMessage().contains("clos")) {
                        throw closed;
                    }
                }
            });
            writer.setDaemon(true);
            writer.start();
        }
    }

    private static void rotateOneSession(Sessions sessions, AtomicLong rotations, boolean revoking) {
        SessionId id = sessions.nextId();
        CustomerId customer = CustomerId.of("durable-" + id.value());
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        sessions.create(Session.begin(id, customer, ApplicationId.of(15), null, now, "jti-0"));
        for (int n = 1; !revoking || n <= ROTATIONS_BEFORE_A_REVOCATION; n++) {
            if (!sessions.rotate(new Rotation(id, customer, "jti-" + (n - 1), "jti-" + n, now, RequestId.of("request-" + n),
                    null))) {
                throw new IllegalStateException("rotation " + n + " of " + id.value() + " did not apply");
            }
            rotations.incrementAndGet();
            report(ROTATED + id.value() + " " + n);
        }
        if (!sessions.revoke(customer, id, now, RevocationReason.REUSE_DETECTED)) {
            throw new IllegalStateException("the revocation of " + id.value() + " did not apply");
        }
        report(REVOKED + id.value());
    }

    /**
     * Closes the database while the writers are at work, with another connection open, as a command's keeps the
     * file open after the service's pool closed: what the file lacks then is only in the journal.
     */
    private static void closeWhileTheWritersWrite(Database database, String url, AtomicLong rotations)
            throws Exception {
        Connection command = DriverManager.getConnection(H2Urls.effective(url), "sa", "");
        while (rotations.get() < CLOSE_AFTER) {
            Thread.sleep(1);
        }
        database.close();
        report(CLOSED);
        command.isValid(1);
    }

    private static void report(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
