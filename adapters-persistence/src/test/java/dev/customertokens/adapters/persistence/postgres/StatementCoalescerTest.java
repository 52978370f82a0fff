package dev.customertokens.adapters.persistence.postgres;

import dev.customertokens.adapters.persistence.repository.JdbcFailure;
import dev.customertokens.application.port.out.StorageUnavailableException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link StatementCoalescer} gathers requests into batches, and what a caller learns when its batch
 * fails or never comes. Its batches run on a real (in-memory H2) connection; the tests hold a batch at
 * the database with a latch, never with a timer.
 */
class StatementCoalescerTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(60);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Integer> reportedSizes = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private StatementCoalescer<Integer, Integer> coalescer;

    @AfterEach
    void stop() {
        releaseFirstBatch.countDown();
        if (coalescer != null) {
            coalescer.close();
        }
        callers.shutdownNow();
    }

    /** Squares each request on the database, the first batch held until the test lets it go. */
    private void squaring(DataSource dataSource) {
        coalescer = new StatementCoalescer<>("test", dataSource, (connection, batch) -> {
            List<Integer> values = new ArrayList<>();
            for (CoalescedRequest<Integer, Integer> request : batch) {
                values.add(request.value());
            }
            batches.add(values);
            if (batches.size() == 1) {
                firstBatchStarted.countDown();
                awaitQuietly(releaseFirstBatch);
            }
            for (CoalescedRequest<Integer, Integer> request : batch) {
                request.complete(square(connection, request.value()));
            }
        }, failure -> new StorageUnavailableException("translated", failure), 4, LONG_WAIT, reportedSizes::add);
    }

    @Test
    void requests_that_arrive_while_a_batch_is_at_the_database_go_together_in_the_next_bounded_batches()
            throws Exception {
        squaring(h2());
        Future<Integer> first = callers.submit(() -> coalescer.submit(1));
        firstBatchStarted.await();
        List<Future<Integer>> waiting = new ArrayList<>();
        for (int value = 2; value <= 7; value++) {
            int request = value;
            waiting.add(callers.submit(() -> coalescer.submit(request)));
        }
        awaitQueued(6);

        releaseFirstBatch.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get(60, TimeUnit.SECONDS)).isEqualTo((i + 2) * (i + 2));
        }
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0)).containsExactly(1);
        assertThat(batches.get(1)).hasSize(4);
        assertThat(batches.get(2)).hasSize(2);
        assertThat(batches.get(1).stream().mapToInt(Integer::intValue).sum()
                + batches.get(2).stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 + 3 + 4 + 5 + 6 + 7);
        assertThat(reportedSizes).containsExactly(1, 4, 2);
    }

    @Test
    void a_caller_that_stops_waiting_before_a_batch_took_its_request_withdraws_it_and_is_told_unavailable()
            throws Exception {
        squaring(h2());
        Future<Integer> first = callers.submit(() -> coalescer.submit(1));
        firstBatchStarted.await();
        CompletableFuture<Thread> callerThread = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Future<Integer> withdrawn = callers.submit(() -> {
            callerThread.complete(Thread.currentThread());
            try {
                return coalescer.submit(2);
            } finally {
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            }
        });
        awaitQueued(1);

        callerThread.get().interrupt();

        assertThatThrownBy(() -> withdrawn.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageUnavailableException.class)
                .cause().hasMessageContaining("interrupted before the database took the statement");
        assertThat(stillInterrupted.get()).as("the caller's interrupt is kept for it").isTrue();
        releaseFirstBatch.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(coalescer.submit(3)).isEqualTo(9);
        assertThat(batches).extracting(List::toString).containsExactly("[1]", "[3]");
    }

    @Test
    void a_caller_interrupted_once_its_batch_took_it_still_gets_the_batch_outcome() throws Exception {
        squaring(h2());
        CompletableFuture<Thread> callerThread = new CompletableFuture<>();
        Future<Integer> taken = callers.submit(() -> {
            callerThread.complete(Thread.currentThread());
            return coalescer.submit(5);
        });
        firstBatchStarted.await();

        callerThread.get().interrupt();
        releaseFirstBatch.countDown();

        assertThat(taken.get(60, TimeUnit.SECONDS)).isEqualTo(25);
    }

    @Test
    void when_a_batch_throws_each_of_its_requests_learns_the_translated_failure_and_the_next_batch_runs()
            throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        coalescer = new StatementCoalescer<>("test", h2(), (connection, batch) -> {
            seen.add(batch.get(0).value());
            if (batch.get(0).value() < 0) {
                throw new SQLException("refused", "22000");
            }
            batch.get(0).complete(square(connection, batch.get(0).value()));
        }, failure -> new StorageUnavailableException("translated", failure), 1, LONG_WAIT, size -> { });

        assertThatThrownBy(() -> coalescer.submit(-1)).isInstanceOf(StorageUnavailableException.class)
                .hasMessage("translated").cause().isInstanceOf(JdbcFailure.class);
        assertThat(coalescer.submit(4)).isEqualTo(16);
        assertThat(seen).containsExactly(-1, 4);
    }

    @Test
    void an_error_in_a_batch_reaches_its_callers_as_the_batch_failure_and_the_thread_goes_on() {
        coalescer = new StatementCoalescer<>("test", h2(), (connection, batch) -> {
            if (batch.get(0).value() < 0) {
                throw new StackOverflowError("deep");
            }
            batch.get(0).complete(square(connection, batch.get(0).value()));
        }, failure -> new StorageUnavailableException("translated", failure), 1, LONG_WAIT, size -> { });

        assertThatThrownBy(() -> coalescer.submit(-1)).isInstanceOf(StorageUnavailableException.class)
                .hasMessage("translated").cause().isInstanceOf(StatementCoalescer.BatchError.class)
                .cause().isInstanceOf(StackOverflowError.class);
        assertThat(coalescer.submit(3)).isEqualTo(9);
        assertThat(coalescer.closed()).isFalse();
    }

    @Test
    void an_error_from_the_pool_or_from_the_meter_reaches_the_callers_and_the_thread_goes_on() throws Exception {
        DataSource real = h2();
        boolean[] failPool = {true};
        DataSource flaky = connectingBy(() -> {
            if (failPool[0]) {
                failPool[0] = false;
                throw new NoClassDefFoundError("a driver class");
            }
            return real.getConnection();
        });
        boolean[] failMeter = {true};
        coalescer = new StatementCoalescer<>("test", flaky, (connection, batch) ->
                batch.get(0).complete(square(connection, batch.get(0).value())), failure -> failure, 1, LONG_WAIT, size -> {
            if (failMeter[0] && !failPool[0]) {
                failMeter[0] = false;
                throw new IllegalStateException("a meter that throws");
            }
        });

        assertThatThrownBy(() -> coalescer.submit(1)).isInstanceOf(StatementCoalescer.BatchError.class)
                .cause().isInstanceOf(NoClassDefFoundError.class);
        assertThatThrownBy(() -> coalescer.submit(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a meter that throws");
        assertThat(coalescer.submit(3)).isEqualTo(9);
    }

    @Test
    void when_the_pool_has_no_connection_for_a_batch_the_requests_queued_behind_it_fail_with_it_unrun()
            throws Exception {
        CountDownLatch poolAsked = new CountDownLatch(1);
        CountDownLatch poolGivesUp = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        DataSource exhausted = connectingBy(() -> {
            asked.incrementAndGet();
            poolAsked.countDown();
            awaitQuietly(poolGivesUp);
            throw new SQLTransientConnectionException("no connection within the timeout", "08001");
        });
        List<Integer> ran = new CopyOnWriteArrayList<>();
        coalescer = new StatementCoalescer<>("test", exhausted, (connection, batch) -> ran.add(batch.size()),
                failure -> failure, 4, LONG_WAIT, size -> { });
        Future<Integer> first = callers.submit(() -> coalescer.submit(1));
        poolAsked.await();
        Future<Integer> second = callers.submit(() -> coalescer.submit(2));
        Future<Integer> third = callers.submit(() -> coalescer.submit(3));
        awaitQueued(2);

        poolGivesUp.countDown();

        for (Future<Integer> caller : List.of(first, second, third)) {
            assertThatThrownBy(() -> caller.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(StorageUnavailableException.class).hasMessage("the database cannot be reached");
        }
        assertThat(ran).isEmpty();
        assertThat(asked).as("the queued requests did not ask the pool again").hasValue(1);
        assertThat(coalescer.queued()).isZero();
    }

    @Test
    void a_batch_that_leaves_a_request_without_an_outcome_fails_it_rather_than_leave_it_waiting() {
        coalescer = new StatementCoalescer<>("test", h2(), (connection, batch) -> {
        }, failure -> failure, 1, LONG_WAIT, size -> { });

        assertThatThrownBy(() -> coalescer.submit(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without an outcome");
    }

    @Test
    void when_no_connection_can_be_had_every_request_of_the_batch_is_told_unavailable_and_nothing_runs() {
        JdbcDataSource unreachable = new JdbcDataSource();
        unreachable.setURL("jdbc:h2:mem:unreachable;IFEXISTS=TRUE");
        List<Integer> ran = new CopyOnWriteArrayList<>();
        coalescer = new StatementCoalescer<>("test", unreachable, (connection, batch) -> ran.add(1),
                failure -> failure, 4, LONG_WAIT, size -> { });

        assertThatThrownBy(() -> coalescer.submit(1)).isInstanceOf(StorageUnavailableException.class)
                .hasMessage("the database cannot be reached");
        assertThat(ran).isEmpty();
    }

    @Test
    void closing_fails_the_requests_still_queued_and_refuses_new_ones_while_the_batch_at_the_database_finishes()
            throws Exception {
        squaring(h2());
        Future<Integer> first = callers.submit(() -> coalescer.submit(1));
        firstBatchStarted.await();
        Future<Integer> queued = callers.submit(() -> coalescer.submit(2));
        awaitQueued(1);

        Future<?> closing = callers.submit(coalescer::close);
        while (!coalescer.closed()) {
            Thread.onSpinWait();
        }
        releaseFirstBatch.countDown();
        closing.get(60, TimeUnit.SECONDS);

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> queued.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageUnavailableException.class)
                .cause().hasMessageContaining("closing");
        assertThatThrownBy(() -> coalescer.submit(3)).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("closing");
        assertThat(batches).extracting(List::toString).containsExactly("[1]");
    }

    private void awaitQueued(int requests) throws InterruptedException {
        // the callers are other threads: wait until the coalescer's queue holds all of theirs
        while (coalescer.queued() < requests) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static int square(Connection connection, int value) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + value + " * " + value)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:coalescer-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** A data source whose {@code getConnection()} is {@code source}; the coalescer calls nothing else. */
    private static DataSource connectingBy(ConnectionSource source) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                        return source.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
