package dev.customertokens.adapters.persistence.h2;

import org.h2.mvstore.MVStore;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The group commit's checkpoints, on a file whose writes the test holds back. */
class CheckpointGroupCommitTest {

    @TempDir
    Path directory;

    @BeforeEach
    void resetTheDisk() {
        FaultyFiles.reset();
    }

    @AfterEach
    void releaseTheDisk() {
        FaultyFiles.reset();
    }

    /**
     * H2's background writer hands a store to its own threads and returns; a {@code CHECKPOINT} that then finds
     * nothing unsaved returns at once, before that store reached the file. A kill then loses what it held.
     */
    @Test
    void a_checkpoint_returns_only_once_a_store_the_background_writer_began_is_in_the_file() throws Exception {
        String url = FaultyFiles.url(directory.resolve("tokens"));
        checkpointWhileTheBackgroundWriterStores(url, url);
    }

    /** A command beside {@code serve} checkpoints through the server of the process that holds the file. */
    @Test
    void a_checkpoint_through_the_server_of_the_process_holding_the_file_waits_for_that_store_too() throws Exception {
        String url = FaultyFiles.url(directory.resolve("tokens"));
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try {
            checkpointWhileTheBackgroundWriterStores(url, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/"
                    + url.substring("jdbc:h2:".length()));
        } finally {
            server.stop();
        }
    }

    private static void checkpointWhileTheBackgroundWriterStores(String url, String checkpointUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            statement.execute("INSERT INTO t VALUES (1, 0)");
            MVStore store = IdleFileCompaction.localFileStore(connection).orElseThrow();
            store.commit();
            statement.execute("UPDATE t SET v = 1 WHERE id = 1");
            FaultyFiles.holdDatabaseWrites();
            // what the background writer does: the store is serialised and written by H2's own threads
            store.tryCommit();
            assertThat(FaultyFiles.awaitHeldWrite(5_000)).as("H2 began writing the store").isTrue();
            CheckpointGroupCommit checkpoints = new CheckpointGroupCommit(
                    () -> DriverManager.getConnection(checkpointUrl, "sa", ""), Duration.ofSeconds(30), batch -> { }, false);
            try {
                CompletableFuture<Void> checkpoint = CompletableFuture.runAsync(checkpoints::awaitCheckpoint);

                Thread.sleep(500);
                assertThat(checkpoint).as("the checkpoint while the store is still on its way to the file").isNotDone();
                FaultyFiles.releaseWrites();
                checkpoint.get(10, TimeUnit.SECONDS);
            } finally {
                FaultyFiles.releaseWrites();
                checkpoints.close();
            }
        }
    }
}
