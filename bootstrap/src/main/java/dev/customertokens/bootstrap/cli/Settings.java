package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.adapters.persistence.DatabaseSettings;
import dev.customertokens.bootstrap.CustomerTokensSettings;
import dev.customertokens.bootstrap.ServiceSettings;

import java.util.Map;
import java.util.Objects;

/**
 * The command line's configuration, checked: the library's and the service's settings as their builders made them
 * from the flags and the environment ({@link CommandLineSettings}), and the log format.
 *
 * @param logFormat {@code text} or {@code json}
 */
public record Settings(CustomerTokensSettings library, ServiceSettings service, String logFormat) {

    /** A command does one thing at a time, and each connection it never uses costs start-up time. */
    static final int COMMAND_POOL_SIZE = 2;

    public Settings {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(logFormat, "logFormat");
    }

    /**
     * Settings from command-line flags and {@code CUSTOMER_TOKENS_*} variables, with the command line's defaults
     * and checks: what {@code serve} runs with when given these flags.
     *
     * @throws dev.customertokens.bootstrap.ConfigurationException when a flag is unknown or a value cannot work
     */
    public static Settings parse(Map<String, String> environment, String... flags) {
        return CommandLineSettings.parse(environment, flags);
    }

    /**
     * For a command (not {@code serve}): at most {@value #COMMAND_POOL_SIZE} connections, Flyway only when the schema
     * is behind (one query tells), since a command's start-up is mostly loading what it uses, and not a service.
     */
    Settings forCommand() {
        DatabaseSettings database = library.database();
        DatabaseSettings.Builder command = database.toBuilder().migration(DatabaseSettings.Migration.WHEN_BEHIND)
                .service(false);
        if (database.dataSource() == null) {
            command.poolSize(Math.min(database.poolSize(), COMMAND_POOL_SIZE));
        }
        DatabaseSettings small = command.build();
        return new Settings(library.withDatabase(small), service, logFormat);
    }

    /** The database URL without the credentials it may carry, for logs and the recorded settings. */
    String databaseWithoutCredentials() {
        return DatabaseSettings.withoutCredentials(library.database().jdbcUrl());
    }
}
