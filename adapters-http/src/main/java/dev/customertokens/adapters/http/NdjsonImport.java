package dev.customertokens.adapters.http;

import dev.customertokens.application.port.in.ImportCustomersUseCase;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.CustomerAccount;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads one NDJSON import body, a {@code customer_account} a line, and writes the accounts through the use case
 * in batches of {@value #BATCH_SIZE}, in the body's order, each on a worker. The body is paused from the moment a
 * batch is full until it is written, so at most one batch and one line are held whatever the body's size. The
 * first bad line, a line over {@value #MAX_LINE_BYTES} bytes or a failed write stops the import: the batches
 * written before stay written, nothing after is; the rest of the body is then read and dropped.
 */
final class NdjsonImport {

    /** Accounts a write, each write one transaction. */
    static final int BATCH_SIZE = 1000;
    /** The longest line read, without its newline. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final ReadStream<Buffer> body;
    private final ImportCustomersUseCase importer;
    private final RecordParser lines;
    private final Promise<Integer> outcome = Promise.promise();
    private List<CustomerAccount> batch = new ArrayList<>(BATCH_SIZE);
    private int linesRead;
    /** Every account on a line before this one is written; none from it on. */
    private int firstUnwrittenLine = 1;
    private int imported;
    private boolean writing;
    private boolean ended;
    private boolean stopped;

    private NdjsonImport(Vertx vertx, ReadStream<Buffer> body, ImportCustomersUseCase importer) {
        this.vertx = vertx;
        this.body = body;
        this.importer = importer;
        this.lines = RecordParser.newDelimited("\n", body);
        lines.maxRecordSize(MAX_LINE_BYTES);
        lines.exceptionHandler(this::failed);
        lines.endHandler(end -> ended());
        lines.handler(this::line);
    }

    /**
     * Starts reading {@code body}; call on the event loop that delivers it.
     *
     * @return how many accounts were imported, once the body ended and every batch is written; or failed with an
     *         {@link HttpProblem} (400 for a bad line, 503 for a store out of reach, each naming what was written)
     *         or with what else went wrong. Never completed if the body fails (the client went away).
     */
    static Future<Integer> start(Vertx vertx, ReadStream<Buffer> body, ImportCustomersUseCase importer) {
        NdjsonImport reading = new NdjsonImport(vertx, body, importer);
        reading.lines.resume();
        return reading.outcome.future();
    }

    private void line(Buffer line) {
        if (stopped) {
            return;
        }
        linesRead++;
        if (line.length() > MAX_LINE_BYTES) { // the body's last line, which has no newline for the parser to wait on
            stop(badLine(linesRead, List.of(tooLong())));
            return;
        }
        if (isBlank(line)) {
            return;
        }
        List<String> problems = new ArrayList<>(1);
        CustomerAccount account = account(line, problems);
        if (account == null) {
            stop(badLine(linesRead, problems));
            return;
        }
        batch.add(account);
        if (batch.size() == BATCH_SIZE) {
            lines.pause(); // the parser pauses the body in turn; resumed once this batch is written
            write();
        }
    }

    private static boolean isBlank(Buffer line) {
        for (int i = 0; i < line.length(); i++) {
            byte b = line.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static CustomerAccount account(Buffer line, List<String> problems) {
        Object value;
        try {
            value = Json.decodeValue(line);
        } catch (DecodeException | IllegalArgumentException e) {
            problems.add("not valid JSON");
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            problems.add("must be a JSON object");
            return null;
        }
        return CustomerAccountJson.read(object, null, (field, problem) -> problems.add(field + ": " + problem));
    }

    private void write() {
        List<CustomerAccount> accounts = batch;
        int nextLine = linesRead + 1;
        batch = new ArrayList<>(BATCH_SIZE);
        writing = true;
        vertx.executeBlocking(() -> importer.importAccounts(accounts), false).onComplete(written -> {
            writing = false;
            imported += written;
            firstUnwrittenLine = nextLine;
            if (stopped) {
                return;
            }
            if (ended) {
                finish();
            } else {
                lines.resume();
            }
        }, failure -> {
            writing = false;
            stop(writeFailed(failure, nextLine - 1));
        });
    }

    private void ended() {
        if (stopped) {
            return;
        }
        ended = true;
        if (!writing) {
            finish();
        }
    }

    private void finish() {
        if (!batch.isEmpty()) {
            write();
            return;
        }
        stopped = true;
        outcome.complete(imported);
    }

    private void failed(Throwable failure) {
        if (stopped) {
            return;
        }
        if (!(failure instanceof IllegalStateException)) {
            stopped = true; // the body failed: the connection is gone, and nobody is left to answer
            return;
        }
        // the parser's own: a line grew past the limit before its newline came. While a batch is written the
        // parser may still hold whole lines it has not handed over; it says so again once they are, if still true.
        if (!writing) {
            stop(badLine(linesRead + 1, List.of(tooLong())));
        }
    }

    private void stop(Throwable why) {
        stopped = true;
        lines.handler(null); // the body, no longer parsed, is read to its end and dropped: the client gets the answer
        body.resume();
        outcome.fail(why);
    }

    private static String tooLong() {
        return "longer than " + MAX_LINE_BYTES + " bytes";
    }

    private HttpProblem badLine(int line, List<String> problems) {
        return new HttpProblem(400, "invalid_body", "Line " + line + " is invalid; " + writtenSoFar(),
                Map.of("line " + line, problems));
    }

    private Throwable writeFailed(Throwable failure, int lastLineOfBatch) {
        if (!(failure instanceof StorageUnavailableException) && !(failure instanceof RejectedExecutionException)) {
            return failure;
        }
        String written = failure instanceof StorageOutcomeUnknownException
                ? (imported == 0 ? "" : "the " + imported + " accounts before line " + firstUnwrittenLine
                        + " were imported; ") + "lines " + firstUnwrittenLine + " to " + lastLineOfBatch
                        + " may or may not have been"
                : writtenSoFar();
        return new HttpProblem(503, "unavailable", "The service is temporarily unavailable; retry shortly: " + written);
    }

    private String writtenSoFar() {
        return imported == 0 ? "nothing was imported" : "the " + imported + " accounts before line " + firstUnwrittenLine
                + " were imported, nothing from line " + firstUnwrittenLine + " on";
    }
}
