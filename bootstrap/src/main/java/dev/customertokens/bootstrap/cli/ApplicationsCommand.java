package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.adapters.http.WireJson;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code applications add}. */
@Command(name = "applications", mixinStandardHelpOptions = true, description = "Manages applications.")
final class ApplicationsCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds an application, or updates the one with this id; refuses (exit 1) a key another application holds.")
    static final class Add extends StoreCommand {
        @Option(names = "--id", required = true, description = "The numeric application id (application_id in tokens).")
        long id;
        @Option(names = "--key", required = true, description = "The application key: 32 lowercase hex characters.")
        String key;
        @Option(names = "--name", required = true, description = "A name for people.")
        String name;
        @Option(names = "--disabled", description = "Add it disabled: its requests answer 403 application_unknown.")
        boolean disabled;

        @Override
        Settings settings() {
            // checked before the database is opened: a mistake costs nothing
            new Application(ApplicationId.of(id), ApplicationKey.of(key), name, !disabled);
            return super.settings();
        }

        @Override
        int run(CustomerTokens tokens) {
            Application application = new Application(ApplicationId.of(id), ApplicationKey.of(key), name, !disabled);
            tokens.administration().register(application);
            out().println(WireJson.application(application));
            return 0;
        }
    }
}
