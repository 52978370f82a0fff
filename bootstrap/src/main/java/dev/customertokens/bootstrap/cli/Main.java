package dev.customertokens.bootstrap.cli;

import dev.customertokens.adapters.persistence.ServiceAlreadyRunningException;
import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.bootstrap.cli.imports.ImportException;
import dev.customertokens.bootstrap.operations.Logs;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.ApplicationKeyTakenException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.ApplicationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code customer-tokens} command line (CONTRACT 3): one class per command group ({@link ServeCommand},
 * {@link ApplicationsCommand}, {@link CustomersCommand}, {@link TokensCommand}, {@link SessionsCommand},
 * {@link StoreMaintenanceCommand}) over
 * {@link CommandGroup} and {@link StoreCommand}, assembled by {@link CommandTree}; here, only the exit codes. Results go to standard output and
 * nothing else does; logs and messages go to standard error.
 */
@Command(name = "customer-tokens", mixinStandardHelpOptions = true, version = "customer-tokens 1.0.0-SNAPSHOT",
        description = "Refreshes and rotates customers' access tokens (GET /api/customers/refresh).")
public final class Main implements Runnable {

    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNAVAILABLE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logs.routeEverythingThroughSlf4j();
        int exit = run(args, System.getenv(), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        if (exit != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(exit);
        }
    }

    /** Runs one command; {@code serve} blocks until the process is stopped. */
    static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = CommandTree.forArguments(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            PrintWriter messages = cmd.getErr();
            if (exception instanceof ConfigurationException || exception instanceof ImportException
                    || exception instanceof ServiceAlreadyRunningException) {
                messages.println("customer-tokens: " + exception.getMessage());
                return EXIT_USAGE;
            }
            if (exception instanceof ApplicationKeyTakenException taken) {
                messages.println("customer-tokens: the key is held by application " + taken.holder()
                        + "; nothing was changed (give that application another key first)");
                return EXIT_REFUSED;
            }
            if (exception instanceof TokenRefusedException refused) {
                messages.println("customer-tokens: " + describe(refused));
                return EXIT_REFUSED;
            }
            if (exception instanceof StorageUnavailableException) {
                messages.println("customer-tokens: the database cannot be reached: " + exception.getMessage());
                return EXIT_UNAVAILABLE;
            }
            if (exception instanceof IllegalArgumentException) {
                messages.println("customer-tokens: " + exception.getMessage());
                return EXIT_USAGE;
            }
            LOG.error("command failed", exception);
            messages.println("customer-tokens: failed: " + exception);
            return 1;
        });
        int exit = commandLine.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    private static String describe(TokenRefusedException refused) {
        return switch (refused.refusal()) {
            case APPLICATION_UNKNOWN -> "the application is unknown or disabled";
            case CUSTOMER_NOT_FOUND -> "no such customer account";
            case CUSTOMER_INACTIVE -> "the customer account is not active (state is not 1)";
            default -> "refused: " + refused.refusal().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    static String curl(String baseUrl, ApplicationKey key, String token) {
        return "curl -sS " + baseUrl + "/api/customers/refresh \\\n"
                + "  --header 'Accept: application/json' \\\n"
                + "  --header 'Authorization: Bearer " + token + "' \\\n"
                + "  --header 'Content-Type: application/json' \\\n"
                + "  --header 'API-VERSION: 5.0.0' \\\n"
                + "  --header 'Application: " + key.value() + "' \\\n"
                + "  --header 'X-QB-Enabled: true' \\\n"
                + "  --header 'X-Request-ID: " + UUID.randomUUID() + "'";
    }
}
