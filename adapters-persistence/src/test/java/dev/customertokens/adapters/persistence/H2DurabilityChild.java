package dev.customertokens.adapters.persistence;

import dev.customertokens.application.port.out.Sessions;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.RequestId;
import dev.customertokens.domain.Rotation;
import dev.customertokens.domain.Session;
import dev.customertokens.domain.SessionId;

import java.time.Instant;

/**
 * Run by {@link H2DurabilityTest} in a JVM of its own: opens the H2 file database named by its argument,
 * begins and rotates a session, says so on standard output, and waits to be killed.
 */
public final class H2DurabilityChild {

    static final String ROTATED = "rotated session ";

    private H2DurabilityChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(DatabaseSettings.of(args[0], "sa", ""));
        Sessions sessions = database.sessions();
        SessionId id = sessions.nextId();
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        sessions.create(Session.begin(id, CustomerId.of("durable-customer"), ApplicationId.of(15), null, now, "jti-1", "token-1"));
        if (!sessions.rotate(new Rotation(id, "jti-1", "jti-2", "token-2", now, RequestId.of("request-1"), null))) {
            throw new IllegalStateException("the rotation did not apply");
        }
        System.out.println(ROTATED + id.value());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
