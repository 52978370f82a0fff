package dev.customertokens.adapters.persistence.h2;

import dev.customertokens.adapters.persistence.h2.IdleFileCompaction.Step;
import org.h2.mvstore.MVStore;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded file's chunks compacted while idle, on a real H2 file with the settings {@link H2Urls} gives it.
 * The looks are made by the test, not on a schedule, and H2's background writer is stopped before the file is
 * churned ({@code WRITE_DELAY 0}), so that its own housekeeping cannot rewrite chunks behind the test's back:
 * what rewrites them is the compaction. {@code H2DurabilityTest} runs it with the writer on, as in the service;
 * what the two together do to the file's size is measured in {@code docs/benchmarks.md}.
 */
class IdleFileCompactionTest {

    private static final int ROWS = 20_000;
    /** Each update of a random row replaces its page; a chunk written this often leaves many sparse chunks. */
    private static final int UPDATES = 120_000;
    /** With no background writer every commit writes a chunk: one commit for this many updates. */
    private static final int UPDATES_A_COMMIT = 500;
    /** Looks until the compaction settles; each step is bounded, so this is a bound on the test's time too. */
    private static final int MAX_LOOKS = 60;

    @TempDir
    Path directory;

    private final AtomicLong writes = new AtomicLong();

    @Test
    void an_idle_store_is_compacted_step_by_step_until_steps_no_longer_shrink_the_file() throws Exception {
        try (Connection connection = open("churned")) {
            long[] values = churn(connection);
            MVStore store = IdleFileCompaction.localFileStore(connection).orElseThrow();
            IdleFileCompaction compaction = new IdleFileCompaction(store, writes::get);
            long churned = fileSize("churned");
            int churnedFill = store.getFileStore().getChunksFillRate();

            List<Step> steps = lookUntilSettled(compaction);

            long compacted = fileSize("churned");
            assertThat(churnedFill).as("the live share of the churned file's chunks, in percent").isLessThan(30);
            // with the background writer stopped, a step may raise the chunks' live share without the file's end
            // coming free, so the first step is a compaction whether or not it already shrank the file
            assertThat(steps).as("the looks").startsWith(Step.BUSY).endsWith(Step.SETTLED)
                    .hasSizeGreaterThanOrEqualTo(1 + IdleFileCompaction.PATIENCE);
            assertThat(steps.get(1)).as("the first quiet look").isIn(Step.SHRANK, Step.NO_SMALLER);
            // with H2's background writer on (the service), its housekeeping then moves chunks into the holes
            // and cuts the file; here the rewriting alone is measured
            assertThat(store.getFileStore().getChunksFillRate()).as("the live share of its chunks after, in percent")
                    .isGreaterThanOrEqualTo(50);
            assertThat(compacted).as("the file after, against %,d bytes before", churned).isLessThanOrEqualTo(churned);
            assertThat(compaction.look()).as("a look once settled, nothing written").isEqualTo(Step.QUIET);
            assertThat(fileSize("churned")).as("the file after that look").isEqualTo(compacted);
            assertRowsAre(connection, values);
        }
        try (Connection reopened = open("churned")) {
            assertThat(count(reopened)).isEqualTo(ROWS);
        }
    }

    @Test
    void a_store_written_since_the_last_look_is_left_alone_and_a_write_after_settling_starts_it_again() throws Exception {
        try (Connection connection = open("busy");
             Statement statement = connection.createStatement()) {
            long[] values = churn(connection);
            IdleFileCompaction compaction = new IdleFileCompaction(IdleFileCompaction.localFileStore(connection).orElseThrow(),
                    writes::get);
            assertThat(lookUntilSettled(compaction)).as("the looks").endsWith(Step.SETTLED);

            statement.executeUpdate("UPDATE t SET v = 'written after settling' WHERE id = 1");
            writes.incrementAndGet();
            long written = fileSize("busy");
            assertThat(compaction.look()).as("the look after a write").isEqualTo(Step.BUSY);
            assertThat(fileSize("busy")).as("the file after that look").isEqualTo(written);
            assertThat(compaction.look()).as("the first quiet look after a write compacts again")
                    .isIn(Step.SHRANK, Step.NO_SMALLER);

            values[1] = -1;
            assertRowsAre(connection, values);
        }
    }

    @Test
    void a_write_during_a_step_ends_it_after_the_round_under_way() throws Exception {
        try (Connection connection = open("interrupted")) {
            churn(connection);
            AtomicLong asked = new AtomicLong();
            // the first look asks once and finds writes; the second asks before its first round (none since) and
            // after it (one, as if a request wrote during the round); later looks find no more
            LongSupplier writesSoFar = () -> asked.incrementAndGet() >= 3 ? 1 : 0;
            IdleFileCompaction compaction = new IdleFileCompaction(IdleFileCompaction.localFileStore(connection).orElseThrow(),
                    writesSoFar);

            assertThat(compaction.look()).as("the first look").isEqualTo(Step.BUSY);
            assertThat(compaction.look()).as("the look during which a write came").isEqualTo(Step.BUSY);
            assertThat(asked).as("times it asked: the step ended after one round").hasValue(3);
            assertThat(compaction.look()).as("the next look, nothing written since").isIn(Step.SHRANK, Step.NO_SMALLER);
        }
    }

    @Test
    void only_a_file_database_whose_store_is_in_this_process_is_compacted() throws Exception {
        try (Connection memory = DriverManager.getConnection("jdbc:h2:mem:idle-compaction", "sa", "");
             Connection file = open("local")) {
            assertThat(IdleFileCompaction.localFileStore(memory)).as("in memory").isEmpty();
            assertThat(IdleFileCompaction.localFileStore(file)).as("a file").isPresent();
        }
        Server server = Server.createTcpServer("-tcpPort", "0").start();
        try (Connection remote = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/"
                + directory.resolve("local").toAbsolutePath(), "sa", "")) {
            assertThat(IdleFileCompaction.localFileStore(remote)).as("through a server").isEmpty();
        } finally {
            server.stop();
        }
    }

    private List<Step> lookUntilSettled(IdleFileCompaction compaction) {
        List<Step> steps = new ArrayList<>();
        for (int look = 0; look < MAX_LOOKS && (steps.isEmpty() || steps.get(steps.size() - 1) != Step.SETTLED); look++) {
            steps.add(compaction.look());
        }
        return steps;
    }

    private Connection open(String name) throws SQLException {
        return DriverManager.getConnection(H2Urls.effective("jdbc:h2:file:" + directory.resolve(name)), "sa", "");
    }

    private long fileSize(String name) throws Exception {
        return Files.size(directory.resolve(name + ".mv.db"));
    }

    /** Rows of a hundred-odd characters, then random ones updated in many small commits; returns each row's value. */
    private long[] churn(Connection connection) throws SQLException {
        long[] values = new long[ROWS];
        try (Statement statement = connection.createStatement()) {
            // no background writer from here on: its housekeeping would rewrite chunks during the churn too, and
            // how sparse the churned file is would depend on the machine's speed
            statement.execute("SET WRITE_DELAY 0");
            statement.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, n BIGINT NOT NULL, v VARCHAR(200) NOT NULL)");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, 0, ?)")) {
            for (int id = 0; id < ROWS; id++) {
                insert.setLong(1, id);
                insert.setString(2, "row " + id + " " + "x".repeat(100));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        SplittableRandom random = new SplittableRandom(11);
        connection.setAutoCommit(false);
        try (PreparedStatement update = connection.prepareStatement("UPDATE t SET n = ?, v = ? WHERE id = ?")) {
            for (int u = 1; u <= UPDATES; u++) {
                int id = random.nextInt(ROWS);
                values[id] = u;
                update.setLong(1, u);
                update.setString(2, "row " + id + " update " + u + " " + "y".repeat(90));
                update.setInt(3, id);
                update.executeUpdate();
                if (u % UPDATES_A_COMMIT == 0) {
                    connection.commit();
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        writes.addAndGet(UPDATES);
        return values;
    }

    /** Every row with the value its last update gave it; -1 for a row the test wrote by hand. */
    private static void assertRowsAre(Connection connection, long[] values) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, n FROM t ORDER BY id")) {
            int seen = 0;
            while (rows.next()) {
                int id = rows.getInt(1);
                if (values[id] >= 0) {
                    assertThat(rows.getLong(2)).as("row %d", id).isEqualTo(values[id]);
                }
                seen++;
            }
            assertThat(seen).isEqualTo(ROWS);
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
