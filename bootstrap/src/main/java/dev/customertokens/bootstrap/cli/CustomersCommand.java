package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code customers import} and {@code customers delete}. */
@Command(name = "customers", mixinStandardHelpOptions = true, description = "Manages customer accounts.",
        subcommands = {CustomersCommand.Import.class, CustomersCommand.Delete.class})
final class CustomersCommand extends CommandGroup {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Upserts customer accounts from a JSON array of objects shaped like customer_account.")
    static final class Import extends StoreCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The JSON file ('-' for standard input).")
        String file;
        private List<CustomerAccount> accounts;

        @Override
        Settings settings() {
            // the whole file is checked before the database is opened
            try {
                String text = "-".equals(file)
                        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file), StandardCharsets.UTF_8);
                accounts = CustomerImportFile.parse(text);
            } catch (IOException e) {
                throw new ConfigurationException("cannot read " + file + ": " + e.getMessage());
            }
            return super.settings();
        }

        @Override
        int run(CustomerTokens tokens) {
            int imported = tokens.administration().importAccounts(accounts);
            out().println(new JsonObject().put("imported", imported).encode());
            return 0;
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
