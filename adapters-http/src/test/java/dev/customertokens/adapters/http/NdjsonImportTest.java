package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.ImportCustomersUseCase;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.customertokens.adapters.http.EndpointHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import's flow control, against a body that arrives a chunk per event-loop turn while it is not paused,
 * as a socket's does: while a batch is written not one chunk arrives, and at a batch's start the body has
 * arrived only up to that batch's last line and the chunk that held it.
 */
class NdjsonImportTest {

    private static final int CHUNK_BYTES = 4096;

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();

    @AfterEach
    void close() {
        await(vertx.close());
    }

    private static String line(int n) {
        return "{\"id\":\"customer-" + n + "\",\"email\":\"c" + n + "@example.com\"}";
    }

    private static String lines(int count) {
        StringBuilder body = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            body.append(line(n)).append('\n');
        }
        return body.toString();
    }

    private Future<Integer> run(ChunkedBody body, ImportCustomersUseCase store) {
        Promise<Integer> done = Promise.promise();
        context.runOnContext(v -> NdjsonImport.start(vertx, body, store).onComplete(done));
        return done.future();
    }

    /** Runs {@code read} on the body's event loop, behind everything already queued there, and waits for it. */
    private <T> T onTheEventLoop(Supplier<T> read) {
        CompletableFuture<T> value = new CompletableFuture<>();
        context.runOnContext(v -> value.complete(read.get()));
        return value.join();
    }

    @Test
    void the_body_is_paused_while_each_batch_is_written_and_read_no_further_than_the_batch() {
        int count = 5_500;
        String text = lines(count);
        ChunkedBody body = new ChunkedBody(context, text, CHUNK_BYTES);
        List<Integer> chunksDuringWrites = new CopyOnWriteArrayList<>();
        List<Integer> bytesAheadAtWrites = new CopyOnWriteArrayList<>();
        List<String> writers = new CopyOnWriteArrayList<>();
        List<CustomerAccount> written = new CopyOnWriteArrayList<>();
        ImportCustomersUseCase store = accounts -> {
            writers.add(Thread.currentThread().getName());
            int atStart = onTheEventLoop(() -> body.chunksDelivered);
            // a body still flowing has a chunk queued on the event loop: it comes before this second look
            int later = onTheEventLoop(() -> body.chunksDelivered);
            chunksDuringWrites.add(later - atStart);
            int lastLine = written.size() + accounts.size();
            int batchEnd = text.indexOf(line(lastLine) + "\n") + line(lastLine).length() + 1;
            bytesAheadAtWrites.add(Math.min(atStart * CHUNK_BYTES, text.length()) - batchEnd);
            written.addAll(accounts);
            return accounts.size();
        };

        assertThat(await(run(body, store))).isEqualTo(count);

        assertThat(written).hasSize(count);
        assertThat(written.get(0).id().value()).isEqualTo("customer-1");
        assertThat(written.get(count - 1).id().value()).isEqualTo("customer-" + count);
        assertThat(chunksDuringWrites).as("chunks that arrived while a batch was written").hasSize(6).containsOnly(0);
        assertThat(bytesAheadAtWrites).as("bytes read past the batch's last line when its write began")
                .allSatisfy(ahead -> assertThat(ahead).isLessThan(CHUNK_BYTES));
        assertThat(writers).allSatisfy(thread -> assertThat(thread).doesNotContain("eventloop"));
    }

    @Test
    void a_failed_write_stops_the_import_naming_what_was_imported() {
        ChunkedBody body = new ChunkedBody(context, lines(3_500), CHUNK_BYTES);
        List<Integer> batches = new ArrayList<>();
        Future<Integer> outcome = run(body, accounts -> {
            batches.add(accounts.size());
            if (batches.size() == 3) {
                throw new StorageUnavailableException("down", null);
            }
            return accounts.size();
        });

        assertThatThrownBy(() -> outcome.await(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(HttpProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.error()).isEqualTo("unavailable");
            assertThat(problem.humanMessage()).endsWith(
                    "the 2000 accounts before line 2001 were imported, nothing from line 2001 on");
        });
        assertThat(batches).containsExactly(1000, 1000, 1000);
    }

    @Test
    void a_write_of_unknown_outcome_says_which_lines_may_have_been_written() {
        ChunkedBody body = new ChunkedBody(context, "\n" + lines(1_500), CHUNK_BYTES);
        Future<Integer> outcome = run(body, accounts -> {
            throw new StorageOutcomeUnknownException("commit unconfirmed", null);
        });

        assertThatThrownBy(() -> outcome.await(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(HttpProblem.class, problem ->
                assertThat(problem.humanMessage()).endsWith("lines 1 to 1001 may or may not have been"));
    }

    /** A body that hands over one chunk per event-loop turn while it is not paused, and then its end. */
    static final class ChunkedBody implements ReadStream<Buffer> {
        private final Context context;
        private final List<Buffer> chunks = new ArrayList<>();
        private Handler<Buffer> handler;
        private Handler<Void> endHandler;
        private boolean paused;
        private boolean scheduled;
        private boolean ended;
        /** Touched on the event loop only. */
        int chunksDelivered;

        ChunkedBody(Context context, String text, int chunkBytes) {
            this.context = context;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int from = 0; from < bytes.length; from += chunkBytes) {
                chunks.add(Buffer.buffer().appendBytes(bytes, from, Math.min(chunkBytes, bytes.length - from)));
            }
        }

        private void schedule() {
            if (!scheduled && !paused && !ended) {
                scheduled = true;
                context.runOnContext(v -> deliver());
            }
        }

        private void deliver() {
            scheduled = false;
            if (paused) {
                return;
            }
            if (chunksDelivered < chunks.size()) {
                Buffer chunk = chunks.get(chunksDelivered++);
                if (handler != null) {
                    handler.handle(chunk);
                }
                schedule();
            } else {
                ended = true;
                if (endHandler != null) {
                    endHandler.handle(null);
                }
            }
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            this.handler = handler;
            schedule();
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            paused = true;
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            paused = false;
            schedule();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return resume();
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            this.endHandler = endHandler;
            return this;
        }
    }
}
