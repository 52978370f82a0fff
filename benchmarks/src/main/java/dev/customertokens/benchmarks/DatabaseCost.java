package dev.customertokens.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a stretch of load cost the database and the service nodes: the CPU time of every PostgreSQL process
 * (the postmaster and its children) and of the nodes, and the WAL PostgreSQL wrote. A process that ends
 * between two readings takes its share with it, so the database's CPU is a floor.
 */
final class DatabaseCost {

    /** One reading. */
    record Reading(long nanos, double postgresCpuSeconds, double nodesCpuSeconds, long walBytes) {

        /** Per rotation, at {@code rotationsPerSecond}, from {@code earlier} to this reading. */
        PerRotation since(Reading earlier, double rotationsPerSecond) {
            double rotations = rotationsPerSecond * (nanos - earlier.nanos) / 1e9;
            return new PerRotation((postgresCpuSeconds - earlier.postgresCpuSeconds) * 1e6 / rotations,
                    (nodesCpuSeconds - earlier.nodesCpuSeconds) * 1e6 / rotations,
                    (walBytes - earlier.walBytes) / rotations);
        }
    }

    /** Microseconds of CPU and bytes of WAL a rotation. */
    record PerRotation(double postgresCpuMicros, double nodesCpuMicros, double walBytes) {

        /** Rotations a second that one core of the database could carry at this cost. */
        double perDatabaseCore() {
            return 1e6 / postgresCpuMicros;
        }
    }

    private final String url;
    private final List<ProcessHandle> nodes;

    DatabaseCost(String url, List<ProcessHandle> nodes) {
        this.url = url;
        this.nodes = nodes;
    }

    Reading read() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT pg_backend_pid(), pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
            rs.next();
            // this backend's parent is the postmaster, whose children are every backend and worker
            ProcessHandle postmaster = ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent)
                    .orElseThrow(() -> new IllegalStateException("cannot see PostgreSQL's processes"));
            return new Reading(System.nanoTime(), cpuSeconds(Stream.concat(Stream.of(postmaster), postmaster.children())),
                    cpuSeconds(nodes.stream()), rs.getLong(2));
        }
    }

    /** What a session takes on disk, indexes and the room left for rotations included. */
    long bytesPerSession() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT (pg_total_relation_size('sessions') "
                     + "+ pg_total_relation_size('session_chains')) / count(*) FROM sessions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double cpuSeconds(Stream<ProcessHandle> processes) {
        return processes.map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).mapToLong(Duration::toNanos).sum() / 1e9;
    }
}
