package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.cli.imports.AccountsFile;
import dev.customertokens.bootstrap.cli.imports.ImportProgress;
import dev.customertokens.application.port.out.StorageOutcomeUnknownException;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** {@code customers import} and {@code customers delete}. */
@Command(name = "customers", mixinStandardHelpOptions = true, description = "Manages customer accounts.")
final class CustomersCommand extends CommandGroup {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Upserts customer accounts from a JSON array of objects shaped like customer_account.")
    static final class Import extends StoreCommand {
        /** Accounts written in one transaction: large enough that a transaction's cost is shared thinly. */
        static final int BATCH = 1000;
        private static final int OUTCOME_UNKNOWN_ATTEMPTS = 3;

        @Parameters(index = "0", paramLabel = "FILE", description = "The JSON file ('-' for standard input).")
        String file;
        private Path input;
        private boolean spooled;
        private AccountsFile accounts;

        @Override
        Settings settings() {
            // the whole file is checked, entry by entry, before the database is opened; then read again to write
            try {
                input = "-".equals(file) ? spoolStandardInput() : Path.of(file);
                accounts = AccountsFile.checked(input);
            } catch (IOException e) {
                throw new ConfigurationException("cannot read " + file + ": " + e.getMessage());
            }
            return super.settings();
        }

        @Override
        int run(CustomerTokens tokens) throws IOException, InterruptedException {
            ImportProgress progress = new ImportProgress(err(), System.console() != null, accounts.count(),
                    System::nanoTime);
            int written = accounts.write(BATCH, batch -> write(tokens, batch), progress::written);
            progress.finished(written);
            out().println(new JsonObject().put("imported", written).encode());
            return 0;
        }

        private static void write(CustomerTokens tokens, List<CustomerAccount> batch) {
            for (int attempt = 1; ; attempt++) {
                try {
                    tokens.administration().importAccounts(batch);
                    return;
                } catch (StorageOutcomeUnknownException e) {
                    // committed, not yet known to be on disk (a slow checkpoint on a busy machine): an upsert
                    // written again waits for a checkpoint of its own, and changes nothing else
                    if (attempt == OUTCOME_UNKNOWN_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        // standard input can be read once only: a copy on disk lets it be checked first, as a file is
        private Path spoolStandardInput() throws IOException {
            input = Files.createTempFile("customer-tokens-import", ".json");
            input.toFile().deleteOnExit(); // also when the import is interrupted
            spooled = true;
            Files.copy(System.in, input, StandardCopyOption.REPLACE_EXISTING);
            return input;
        }

        @Override
        void cleanUp() {
            try {
                if (accounts != null) {
                    accounts.close();
                }
            } catch (IOException ignored) {
                // a temporary file: the system's cleaning takes it
            }
            if (spooled) {
                try {
                    Files.deleteIfExists(input);
                } catch (IOException ignored) {
                    // a temporary file: the system's cleaning takes it
                }
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a customer account; its sessions stay, so their tokens answer 404 customer_not_found.")
    static final class Delete extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The customer account id.")
        String id;

        @Override
        int run(CustomerTokens tokens) {
            if (!tokens.administration().delete(CustomerId.of(id))) {
                err().println("customer-tokens: no customer account " + id);
                return Main.EXIT_REFUSED;
            }
            out().println(new JsonObject().put("deleted", id).encode());
            return 0;
        }
    }
}
