package dev.customertokens.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the embedded binaries run with {@code pg_ctl} on a data folder and port of its own,
 * for tests that replicate, crash and promote one: a primary, or a streaming standby made from a base backup
 * of it ({@code pg_backup_start}, a file copy, {@code standby.signal}) through a replication slot. It listens
 * on 127.0.0.1 only and trusts the user {@code postgres}; {@link #close()} stops it if it still runs.
 */
public final class PostgresCluster implements AutoCloseable {

    /** Files of a running data folder that a base backup leaves out: they belong to the running server. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts");
    /** Folders whose content a base backup leaves out; the standby streams its WAL from the primary. */
    private static final Set<String> COPIED_EMPTY = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final Path dataDir;
    private final Path log;
    private final int port;
    private boolean running;

    private PostgresCluster(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.port = port;
    }

    /**
     * A new primary in {@code dataDir} (which must not exist yet), started. Its settings are these defaults,
     * then {@code settings}: {@code synchronous_commit=on}; {@code fsync=off}, since what the tests crash is
     * the server's processes, not the machine, whose page cache keeps every write; room for standbys.
     *
     * @param dataDir  the new cluster's folder
     * @param settings {@code postgresql.conf} settings over the defaults, values quoted as the file wants them
     * @return the running primary
     */
    public static PostgresCluster primary(Path dataDir, Map<String, String> settings) {
        PostgresCluster cluster = new PostgresCluster(dataDir, freePort());
        PostgresBinaries.run(cluster.log, "initdb", "-D", dataDir.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", "'127.0.0.1'");
        all.put("port", String.valueOf(cluster.port));
        all.put("unix_socket_directories", "''");
        all.put("synchronous_commit", "on");
        all.put("fsync", "off");
        all.put("wal_level", "replica");
        all.put("max_wal_senders", "4");
        all.put("max_replication_slots", "4");
        all.put("shared_buffers", "32MB");
        all.putAll(settings);
        cluster.configure(all);
        cluster.start();
        return cluster;
    }

    /**
     * A standby of this primary in {@code dataDir}, named {@code name} (its {@code application_name}, for
     * {@code synchronous_standby_names}, and its replication slot's), started and streaming. After a
     * promotion it waits for no standby of its own ({@code synchronous_standby_names} is empty).
     *
     * @param dataDir the standby's folder, which must not exist yet
     * @param name    the standby's name
     * @return the running standby
     */
    public PostgresCluster standby(Path dataDir, String name) {
        PostgresCluster standby = new PostgresCluster(dataDir, freePort());
        execute("SELECT pg_create_physical_replication_slot('" + name + "', true)");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_backup_start('" + name + "', true)");
            copyDataFolder(this.dataDir, dataDir);
            try (ResultSet stop = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(dataDir.resolve("backup_label"), stop.getString(1), StandardCharsets.UTF_8);
            }
            Files.createFile(dataDir.resolve("standby.signal"));
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", String.valueOf(standby.port));
        settings.put("primary_conninfo", "'host=127.0.0.1 port=" + port + " user=postgres application_name=" + name + "'");
        settings.put("primary_slot_name", "'" + name + "'");
        settings.put("synchronous_standby_names", "''");
        standby.configure(settings);
        standby.start();
        return standby;
    }

    private static void copyDataFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                Path target = to.resolve(relative.toString());
                boolean insideEmptied = relative.getNameCount() > 1 && COPIED_EMPTY.contains(relative.getName(0).toString());
                boolean archiveStatus = relative.getNameCount() == 2 && relative.endsWith("archive_status");
                if ((insideEmptied && !archiveStatus) || NOT_COPIED.contains(relative.toString())) {
                    continue;
                }
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (NoSuchFileException goneMeanwhile) {
                    // a temporary file the running server removed while we copied: the WAL replay recreates state
                }
            }
        }
    }

    /**
     * Waits (a minute at most) until the primary sees a standby streaming in a state.
     *
     * @param name  the standby's name
     * @param state its {@code sync_state} as the primary sees it: {@code sync} or {@code async}
     */
    public void awaitStandby(String name, String state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!state.equals(queryString("SELECT sync_state FROM pg_stat_replication WHERE application_name = '"
                + name + "' AND state = 'streaming'"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("standby " + name + " is not " + state + " within a minute");
            }
            sleepBriefly();
        }
    }

    /** Stops this standby's WAL receiver: from now on it falls behind its primary, as a lagging standby does. */
    public void detachFromPrimary() {
        configure(Map.of("primary_conninfo", "''"));
        PostgresBinaries.run(log, "pg_ctl", "-D", dataDir.toString(), "reload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (queryString("SELECT status FROM pg_stat_wal_receiver") != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the WAL receiver still runs");
            }
            sleepBriefly();
        }
    }

    /** Kills the server as a crash would ({@code pg_ctl stop -m immediate}): no checkpoint, clients cut off. */
    public void stopImmediately() {
        PostgresBinaries.run(log, "pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
        running = false;
    }

    /** Promotes this standby ({@code pg_ctl promote}) and returns once it accepts writes. */
    public void promote() {
        PostgresBinaries.run(log, "pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "promote");
    }

    /**
     * Where the server listens.
     *
     * @return {@code 127.0.0.1:port}, as a host of a multi-host JDBC URL
     */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /**
     * The database the tests use.
     *
     * @return the JDBC URL of the {@code postgres} database
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostAndPort() + "/postgres";
    }

    /**
     * A connection as the superuser {@code postgres}.
     *
     * @return a new connection, for the caller to close
     * @throws SQLException when the server does not answer
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /**
     * Runs one statement as the superuser.
     *
     * @param sql the statement
     * @throws IllegalStateException when it fails
     */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Runs one query as the superuser.
     *
     * @param sql the query
     * @return the first column of the first row, or null when there is none
     */
    public String queryString(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            PostgresBinaries.run(log, "pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
        }
    }

    private void start() {
        PostgresBinaries.run(log, "pg_ctl", "-D", dataDir.toString(), "-l", log.toString(), "-w", "-t", "60", "start");
        running = true;
    }

    /** Appends to postgresql.conf, where the last line naming a setting wins. */
    private void configure(Map<String, String> settings) {
        StringBuilder lines = new StringBuilder("\n");
        settings.forEach((name, value) -> lines.append(name).append(" = ").append(value).append('\n'));
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50); // polling the server's state, not waiting for a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
