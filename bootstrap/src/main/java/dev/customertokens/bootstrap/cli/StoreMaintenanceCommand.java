package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.CustomerTokens;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code store backup}: the database as a whole. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Works on the database as a whole.")
final class StoreMaintenanceCommand extends CommandGroup {

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Copies the embedded database, while serve runs, into a new zip file that restores it "
                    + "(docs/operations.md): every refresh answered before it began is in the copy. PostgreSQL is "
                    + "backed up with pg_dump or pg_basebackup instead.")
    static final class Backup extends StoreCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The zip file to write; it must not exist.")
        Path file;

        @Override
        int run(CustomerTokens tokens) throws IOException {
            // absolute: the process holding the embedded file, serve's when it runs, writes it
            Path zip = file.toAbsolutePath();
            try {
                tokens.backupDatabase(zip);
            } catch (UnsupportedOperationException e) {
                err().println("customer-tokens: " + e.getMessage());
                return Main.EXIT_USAGE;
            } catch (UncheckedIOException e) {
                err().println("customer-tokens: " + e.getMessage());
                return Main.EXIT_REFUSED;
            }
            out().println(new JsonObject().put("backup", zip.toString()).put("bytes", Files.size(zip)).encode());
            return 0;
        }
    }
}
