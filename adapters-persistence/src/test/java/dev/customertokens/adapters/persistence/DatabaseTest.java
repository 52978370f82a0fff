package dev.customertokens.adapters.persistence;

import dev.customertokens.adapters.persistence.migration.SchemaMigrations;
import dev.customertokens.domain.Session;
import dev.customertokens.testkit.DemoData;
import dev.customertokens.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatabaseTest {

    private static final Path PROC_NET_TCP = Path.of("/proc/net/tcp");
    private static final Path PROC_NET_TCP6 = Path.of("/proc/net/tcp6");
    /** 127.0.0.1 as /proc/net/tcp spells it, and as /proc/net/tcp6 does (IPv4-mapped), and ::1. */
    private static final Set<String> LOOPBACK =
            Set.of("0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000");
    private static final String LISTEN = "0A";

    @TempDir
    Path directory;

    @Test
    void opening_for_a_command_migrates_a_schema_that_is_behind_and_skips_flyway_on_a_current_one() {
        String url = "jdbc:h2:file:" + directory.resolve("skip");
        try (Database fresh = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("sa").password("")
                .migration(DatabaseSettings.Migration.WHEN_BEHIND).build())) {
            assertThat(fresh.schemaVersion()).isEqualTo(SchemaMigrations.LATEST_VERSION);
            fresh.applications().save(DemoData.demoApplication());
        }
        try (Database current = Database.open(DatabaseSettings.builder().jdbcUrl(url).user("sa").password("")
                .migration(DatabaseSettings.Migration.WHEN_BEHIND).build())) {
            assertThat(current.ping()).isEmpty();
            assertThat(current.applications().findByKey(DemoData.DEMO_KEY)).contains(DemoData.demoApplication());
        }
    }

    @Test
    void a_fresh_database_is_empty_until_an_application_or_a_customer_is_saved() {
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:mem:empty-" + System.nanoTime(), "sa", ""))) {
            assertThat(database.isEmpty()).isTrue();
            database.sessions().create(Session.begin(database.sessions().nextId(), DemoData.IVAN_ID,
                    DemoData.demoApplication().id(), null, Instant.EPOCH, "jti"));
            assertThat(database.isEmpty()).as("sessions alone do not count").isTrue();

            database.applications().save(DemoData.demoApplication());
            assertThat(database.isEmpty()).isFalse();
        }
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:mem:empty-" + System.nanoTime(), "sa", ""))) {
            database.customerAccounts().save(DemoData.ivan());
            assertThat(database.isEmpty()).isFalse();
        }
    }

    @Test
    void the_schema_is_migrated_once_and_data_survives_reopening_a_file_database() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("tokens").toAbsolutePath(), "sa", "");
        try (Database database = Database.open(settings)) {
            database.customerAccounts().save(DemoData.ivan());
        }
        try (Database database = Database.open(settings)) {
            assertThat(database.customerAccounts().find(DemoData.IVAN_ID)).contains(DemoData.ivan());
        }
    }

    @Test
    void h2_databases_in_this_process_are_embedded_postgresql_is_not() {
        try (Database memory = Database.open(DatabaseSettings.of("jdbc:h2:mem:embedded-" + System.nanoTime(), "sa", ""));
             Database file = Database.open(DatabaseSettings.of("jdbc:h2:" + directory.resolve("tokens").toAbsolutePath(), "sa", ""));
             Database postgres = Database.open(DatabaseSettings.of(EmbeddedPostgresServer.newDatabaseUrl(), "postgres", null))) {
            assertThat(memory.isEmbeddedH2()).isTrue();
            assertThat(file.isEmbeddedH2()).isTrue();
            assertThat(postgres.isEmbeddedH2()).isFalse();
        }
    }

    @Test
    void one_service_at_a_time_on_a_file_and_commands_beside_it() {
        DatabaseSettings service = DatabaseSettings.builder().jdbcUrl("jdbc:h2:file:" + directory.resolve("served"))
                .user("sa").password("").service(true).build();
        try (Database first = Database.open(service)) {
            assertThatThrownBy(() -> Database.open(service)).isInstanceOf(ServiceAlreadyRunningException.class)
                    .hasMessageContaining("another service already runs on this embedded database")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid() + ", started ");
            try (Database command = Database.open(service.toBuilder().service(false).build())) {
                command.applications().save(DemoData.demoApplication());
            }
            assertThat(first.applications().findByKey(DemoData.DEMO_KEY)).contains(DemoData.demoApplication());
        }
        try (Database next = Database.open(service)) {
            assertThat(next.ping()).as("a service after the first one stopped").isEmpty();
        }
    }

    @Test
    void postgresql_is_backed_up_with_its_own_tools() {
        try (Database postgres = Database.open(DatabaseSettings.of(EmbeddedPostgresServer.newDatabaseUrl(), "postgres",
                null))) {
            assertThatThrownBy(() -> postgres.backup(directory.resolve("postgres.zip")))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("pg_dump")
                    .hasMessageContaining("pg_basebackup");
        }
        assertThat(directory.resolve("postgres.zip")).doesNotExist();
    }

    /**
     * In a JVM of its own: H2 reads its bind address once per JVM, at its first connection, and another test's
     * connection in this JVM may have come first.
     */
    @Test
    void the_server_that_lets_other_processes_share_a_file_database_listens_on_loopback_only() throws Exception {
        assumeTrue(Files.isReadable(PROC_NET_TCP), "needs Linux /proc/net/tcp to see which address a socket listens on");
        Path base = directory.resolve("shared").toAbsolutePath();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                LoopbackServerChild.class.getName(), base.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            while (line != null && !line.startsWith(LoopbackServerChild.OPENED)) {
                line = output.readLine();
            }
            assertThat(line).as("what the child said").isEqualTo(LoopbackServerChild.OPENED + true);

            Properties lock = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(base + ".lock.db"))) {
                lock.load(reader);
            }
            String server = lock.getProperty("server");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

            List<String> addresses = new ArrayList<>(listeningAddresses(PROC_NET_TCP, port, child.pid()));
            addresses.addAll(listeningAddresses(PROC_NET_TCP6, port, child.pid()));
            assertThat(addresses).isNotEmpty().allMatch(LOOPBACK::contains);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }
    }

    /**
     * The local addresses (as /proc/net/tcp spells them) of the process's sockets listening on {@code port}:
     * another process on the machine may listen on the same port number on another address.
     */
    private static List<String> listeningAddresses(Path table, int port, long pid) throws IOException {
        if (!Files.isReadable(table)) {
            return List.of();
        }
        Set<String> ownSockets = socketInodesOf(pid);
        String portHex = String.format("%04X", port);
        return Files.readAllLines(table).stream()
                .skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields[3].equals(LISTEN) && fields[1].endsWith(":" + portHex)
                        && ownSockets.contains(fields[9]))
                .map(fields -> fields[1].substring(0, fields[1].indexOf(':')))
                .toList();
    }

    /** The inodes of the process's sockets, from the targets of /proc/PID/fd ("socket:[inode]"). */
    private static Set<String> socketInodesOf(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while we listed them is not a listening server's
                }
            }
        }
        return inodes;
    }
}
