package dev.customertokens.bootstrap;

import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import dev.customertokens.testkit.MutableClock;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Nodes of the real service on one fresh database of the given engine, sharing one test clock, each with the admin
 * API on; the first seeds the demo application and customer. Closing this stops every node.
 */
final class ServiceNodes implements AutoCloseable {

    /** The databases the end-to-end tests run on. */
    enum Engine {
        /** An in-memory database of this JVM, which every node of the test reaches by its name. */
        H2,
        POSTGRESQL;

        String newDatabaseUrl() {
            return this == H2 ? "jdbc:h2:mem:nodes-" + UUID.randomUUID() : EmbeddedPostgresServer.newDatabaseUrl();
        }

        List<String> flags() {
            return this == H2 ? List.of() : List.of("--db-user", "postgres");
        }
    }

    private final Engine engine;
    private final MutableClock clock;
    private final List<TestService> nodes = new ArrayList<>();
    private String databaseUrl;

    ServiceNodes(Engine engine, MutableClock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** A node with these flags beside the database's and {@code --admin-token}. */
    TestService node(String... flags) {
        if (databaseUrl == null) {
            databaseUrl = engine.newDatabaseUrl();
        }
        List<String> all = new ArrayList<>(engine.flags());
        all.addAll(List.of("--admin-token", AdminApiTest.ADMIN_TOKEN));
        all.addAll(List.of(flags));
        TestService node = new TestService(clock, databaseUrl, all.toArray(String[]::new));
        if (nodes.isEmpty()) {
            node.tokens().administration().register(DemoData.demoApplication());
            node.tokens().administration().importAccounts(List.of(DemoData.ivan()));
        }
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        nodes.forEach(TestService::close);
    }
}
