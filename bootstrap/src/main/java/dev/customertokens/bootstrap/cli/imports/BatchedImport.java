package dev.customertokens.bootstrap.cli.imports;

import dev.customertokens.domain.CustomerAccount;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Writes the accounts of an import file in batches, in the {@link ImportOrder} of its entries (in the file's
 * order without one), while a thread of its own reads the batches after: reading and writing run side by side. At most two batches wait between them,
 * so memory stays flat whatever the file's size; a problem on either side stops both.
 */
final class BatchedImport {

    private static final List<CustomerAccount> END = new ArrayList<>(0);

    private BatchedImport() {
    }

    /**
     * @param write    writes one batch, on the calling thread
     * @param progress told the count written so far, after each batch
     * @return how many accounts were written
     */
    static int run(Path file, ImportOrder order, int batchSize, Consumer<List<CustomerAccount>> write,
                   IntConsumer progress) throws IOException, InterruptedException {
        BlockingQueue<List<CustomerAccount>> batches = new ArrayBlockingQueue<>(2);
        FutureTask<Integer> reading = new FutureTask<>(() -> read(file, order, batchSize, batches));
        Thread reader = new Thread(reading, "customer-tokens-import-reader");
        reader.setDaemon(true);
        reader.start();
        int written = 0;
        try {
            for (List<CustomerAccount> batch = batches.take(); batch != END; batch = batches.take()) {
                write.accept(batch);
                written += batch.size();
                progress.accept(written);
            }
            reading.get();
            return written;
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        } finally {
            reader.interrupt(); // a writer that failed leaves the reader waiting for room
        }
    }

    /** Reads the accounts in {@code order}, or in the file's order when there is none. */
    private static int read(Path file, ImportOrder order, int batchSize, BlockingQueue<List<CustomerAccount>> batches)
            throws Exception {
        List<List<CustomerAccount>> filling = new ArrayList<>(List.of(new ArrayList<>(batchSize)));
        Consumer<CustomerAccount> batching = account -> {
            filling.get(0).add(account);
            if (filling.get(0).size() == batchSize) {
                hand(batches, filling.set(0, new ArrayList<>(batchSize)));
            }
        };
        try {
            int read = order == null ? readInFileOrder(file, batching) : readInOrder(file, order, batching);
            if (!filling.get(0).isEmpty()) {
                batches.put(filling.get(0));
            }
            return read;
        } finally {
            batches.put(END);
        }
    }

    private static int readInFileOrder(Path file, Consumer<CustomerAccount> accounts) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CustomerImportFile.read(in, accounts);
        }
    }

    private static int readInOrder(Path file, ImportOrder order, Consumer<CustomerAccount> accounts) throws IOException {
        int[] read = {0};
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            EntryReader entries = new EntryReader(channel);
            order.forEachInOrder((offset, length) -> {
                accounts.accept(entries.read(offset, length));
                read[0]++;
            });
        }
        return read[0];
    }

    /** Reads one entry at a time where the checking pass found it, into a buffer kept for the next. */
    private static final class EntryReader {
        private final FileChannel channel;
        private ByteBuffer buffer = ByteBuffer.allocate(4096);

        EntryReader(FileChannel channel) {
            this.channel = channel;
        }

        CustomerAccount read(long offset, int length) throws IOException {
            if (buffer.capacity() < length) {
                buffer = ByteBuffer.allocate(Math.max(length, 2 * buffer.capacity()));
            }
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new ImportException(List.of("the file changed while it was imported"));
                }
            }
            return CustomerImportFile.readEntry(buffer.array(), length);
        }
    }

    private static void hand(BlockingQueue<List<CustomerAccount>> batches, List<CustomerAccount> batch) {
        try {
            batches.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import stopped", e);
        }
    }

    private static RuntimeException unwrapped(Throwable cause) throws IOException {
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new UncheckedIOException(new IOException(cause));
    }
}
