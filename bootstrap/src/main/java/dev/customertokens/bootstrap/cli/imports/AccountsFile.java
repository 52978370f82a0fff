package dev.customertokens.bootstrap.cli.imports;

import dev.customertokens.domain.CustomerAccount;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The file of {@code customers import}, checked whole before anything is written: a JSON array of
 * {@code customer_account} objects, read as a stream. Once checked, it is written in batches in the
 * {@link ImportOrder} of its accounts (a file not in UTF-8 in its own order), with memory bounded whatever its size.
 */
public final class AccountsFile implements Closeable {

    private final Path file;
    /** Null for a file whose entries have no byte offsets. */
    private final ImportOrder order;
    private final int count;

    private AccountsFile(Path file, ImportOrder order, int count) {
        this.file = file;
        this.order = order;
        this.count = count;
    }

    /**
     * Reads the whole file once, and notes where each account is.
     *
     * @param file the import file
     * @return the file, checked; the caller closes it
     * @throws ImportException naming every problem found (nothing is to be written then)
     * @throws IOException     when the file cannot be read
     */
    public static AccountsFile checked(Path file) throws IOException {
        ImportOrder order = new ImportOrder(ImportOrder.RUN, Path.of(System.getProperty("java.io.tmpdir")));
        boolean[] placed = {true};
        try (InputStream in = Files.newInputStream(file)) {
            int count = CustomerImportFile.read(in, (account, offset, length) -> {
                // Jackson reads a file in UTF-16 or UTF-32 as characters, with no byte offsets: it is written in its order
                placed[0] &= offset >= 0;
                if (placed[0]) {
                    order.add(account.id().value(), offset, length);
                }
            });
            if (!placed[0]) {
                order.close();
                return new AccountsFile(file, null, count);
            }
            return new AccountsFile(file, order, count);
        } catch (IOException | RuntimeException e) {
            order.close();
            throw e;
        }
    }

    /** @return how many accounts the file holds */
    public int count() {
        return count;
    }

    /**
     * Gives every account to {@code write}, {@code batchSize} at a time, while a thread of its own reads the next.
     *
     * @param batchSize the accounts of one batch
     * @param write     writes one batch, on the calling thread
     * @param progress  told the count written so far, after each batch
     * @return how many accounts were written
     * @throws IOException          when the file can no longer be read
     * @throws InterruptedException when the calling thread is interrupted while it waits for a batch
     */
    public int write(int batchSize, Consumer<List<CustomerAccount>> write, IntConsumer progress)
            throws IOException, InterruptedException {
        return BatchedImport.run(file, order, batchSize, write, progress);
    }

    /** Deletes what the order set aside on disk; the file itself stays. */
    @Override
    public void close() throws IOException {
        if (order != null) {
            order.close();
        }
    }
}
