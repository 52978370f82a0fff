package dev.customertokens.bootstrap;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.application.port.in.TokenRefusedException;
import dev.customertokens.application.port.out.StorageUnavailableException;
import dev.customertokens.domain.Application;
import dev.customertokens.domain.ApplicationId;
import dev.customertokens.domain.ApplicationKey;
import dev.customertokens.domain.CustomerAccount;
import dev.customertokens.domain.CustomerId;
import dev.customertokens.domain.DeviceUuid;
import dev.customertokens.domain.SessionId;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code customer-tokens} command line (CONTRACT 3). Results go to standard output and nothing
 * else does; logs and messages go to standard error.
 */
@Command(name = "customer-tokens", mixinStandardHelpOptions = true, version = "customer-tokens 0.1.0",
        description = "Refreshes and rotates customers' access tokens (GET /api/customers/refresh).",
        subcommands = {Main.Serve.class, Main.Applications.class, Main.Customers.class, Main.Tokens.class,
                Main.Sessions.class})
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
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            PrintWriter messages = cmd.getErr();
            if (exception instanceof ConfigurationException || exception instanceof CustomerImportFile.ImportException) {
                messages.println("customer-tokens: " + exception.getMessage());
                return EXIT_USAGE;
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

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Starts the HTTP service. On an empty embedded default database (or with --demo on any "
                    + "empty one) it seeds a demo application and customer and prints a ready-to-paste curl.")
    static final class Serve implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Option(names = "--demo", description = "Seed the demo data into an empty database that is not the embedded default.")
        boolean demo;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Settings settings = config.toSettings();
            Logs.useFormat(settings.operations().logFormat());
            HttpService service = HttpService.start(settings, Clock.systemUTC());
            java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable stop = () -> {
                if (!stopped.compareAndSet(false, true)) {
                    return;
                }
                LOG.info("shutting down: readiness DOWN, answering the requests in flight (grace {} s)",
                        settings.operations().shutdownGrace().toSeconds());
                service.close();
                LOG.info("stopped");
                Logs.flush();
            };
            GracefulStop.onSignals(stop);
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "customer-tokens-exit"));
            LOG.info("customer-tokens listening on http://{}:{} ({})", settings.host(), service.port(),
                    settings.embeddedDefaultDatabase() ? "embedded database in " + settings.dataDir() : settings.dbUrlWithoutCredentials());
            service.managementPort().ifPresentOrElse(
                    port -> LOG.info("management listener (health, metrics, API description) on http://{}:{}",
                            hostForUrl(settings.operations().managementHost()), port),
                    () -> LOG.info("management listener off"));
            CustomerTokens tokens = service.customerTokens();
            if ((settings.embeddedDefaultDatabase() || demo) && tokens.database().isEmpty()) {
                Application application = DemoSeed.demoApplication();
                tokens.administration().register(application);
                tokens.administration().importAccounts(DemoSeed.demoCustomers());
                TokenGrant grant = tokens.issueToken().issue(new IssueTokenCommand(DemoSeed.demoCustomer().id(),
                        application.key(), null));
                LOG.info("Seeded the demo application (id {}) and the demo customer; try:", application.id());
                PrintWriter out = spec.commandLine().getOut();
                out.println(curl("http://" + hostForUrl(settings.host()) + ":" + service.port(), application.key(), grant.token()));
                out.flush();
            }
            new CountDownLatch(1).await();
            return 0;
        }

        private static String hostForUrl(String host) {
            return host.contains(":") ? "[" + host + "]" : host;
        }
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

    @Command(name = "applications", mixinStandardHelpOptions = true, description = "Manages applications.",
            subcommands = Applications.Add.class)
    static final class Applications implements Runnable {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getErr());
        }

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds an application, or updates the one with this id.")
        static final class Add implements Callable<Integer> {
            @Mixin
            ConfigOptions config;
            @Option(names = "--id", required = true, description = "The numeric application id (application_id in tokens).")
            long id;
            @Option(names = "--key", required = true, description = "The application key: 32 lowercase hex characters.")
            String key;
            @Option(names = "--name", required = true, description = "A name for people.")
            String name;
            @Option(names = "--disabled", description = "Add it disabled: its requests answer 403 application_unknown.")
            boolean disabled;
            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                Application application = new Application(ApplicationId.of(id), ApplicationKey.of(key), name, !disabled);
                try (CustomerTokens tokens = CustomerTokens.open(config.toSettings(), Clock.systemUTC())) {
                    tokens.administration().register(application);
                }
                spec.commandLine().getOut().println(dev.customertokens.adapters.http.WireJson.application(application));
                return 0;
            }
        }
    }

    @Command(name = "customers", mixinStandardHelpOptions = true, description = "Manages customer accounts.",
            subcommands = {Customers.Import.class, Customers.Delete.class})
    static final class Customers implements Runnable {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getErr());
        }

        @Command(name = "import", mixinStandardHelpOptions = true,
                description = "Upserts customer accounts from a JSON array of objects shaped like customer_account.")
        static final class Import implements Callable<Integer> {
            @Mixin
            ConfigOptions config;
            @Parameters(index = "0", paramLabel = "FILE", description = "The JSON file ('-' for standard input).")
            String file;
            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                String text = "-".equals(file)
                        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file), StandardCharsets.UTF_8);
                List<CustomerAccount> accounts = CustomerImportFile.parse(text);
                int imported;
                try (CustomerTokens tokens = CustomerTokens.open(config.toSettings(), Clock.systemUTC())) {
                    imported = tokens.administration().importAccounts(accounts);
                }
                spec.commandLine().getOut().println(new JsonObject().put("imported", imported).encode());
                return 0;
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true,
                description = "Deletes a customer account; its sessions stay, so their tokens answer 404 customer_not_found.")
        static final class Delete implements Callable<Integer> {
            @Mixin
            ConfigOptions config;
            @Parameters(index = "0", paramLabel = "ID", description = "The customer account id.")
            String id;
            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                CustomerId customer = CustomerId.of(id);
                boolean deleted;
                try (CustomerTokens tokens = CustomerTokens.open(config.toSettings(), Clock.systemUTC())) {
                    deleted = tokens.administration().delete(customer);
                }
                if (!deleted) {
                    spec.commandLine().getErr().println("customer-tokens: no customer account " + id);
                    return EXIT_REFUSED;
                }
                spec.commandLine().getOut().println(new JsonObject().put("deleted", id).encode());
                return 0;
            }
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "Issues tokens.",
            subcommands = Tokens.Issue.class)
    static final class Tokens implements Runnable {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getErr());
        }

        @Command(name = "issue", mixinStandardHelpOptions = true,
                description = "Begins a session (a login) and prints the refresh endpoint's data: customer_account and token.")
        static final class Issue implements Callable<Integer> {
            @Mixin
            ConfigOptions config;
            @Option(names = "--customer", required = true, description = "The customer account id.")
            String customer;
            @Option(names = "--application", required = true, description = "The application key (32 lowercase hex).")
            String application;
            @Option(names = "--device-uuid", description = "The device the session begins on.")
            String deviceUuid;
            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                IssueTokenCommand command = new IssueTokenCommand(CustomerId.of(customer), ApplicationKey.of(application),
                        deviceUuid == null ? null : DeviceUuid.of(deviceUuid));
                TokenGrant grant;
                try (CustomerTokens tokens = CustomerTokens.open(config.toSettings(), Clock.systemUTC())) {
                    grant = tokens.issueToken().issue(command);
                }
                spec.commandLine().getOut().println(dev.customertokens.adapters.http.WireJson.grantData(grant));
                return 0;
            }
        }
    }

    @Command(name = "sessions", mixinStandardHelpOptions = true, description = "Manages sessions.",
            subcommands = {Sessions.Revoke.class, Sessions.Purge.class})
    static final class Sessions implements Runnable {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getErr());
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = "Revokes one session, or every session of a customer; their tokens stop working for good.")
        static final class Revoke implements Callable<Integer> {
            @Mixin
            ConfigOptions config;
            @ArgGroup(exclusive = true, multiplicity = "1")
            Target target;
            @Spec
            CommandLine.Model.CommandSpec spec;

            static final class Target {
                @Option(names = "--session", required = true, description = "The session id.")
                Long session;
                @Option(names = "--customer", required = true, description = "The customer account id: all their sessions.")
                String customer;
            }

            @Override
            public Integer call() {
                int revoked;
                try (CustomerTokens tokens = CustomerTokens.open(config.toSettings(), Clock.systemUTC())) {
                    revoked = target.session != null
                            ? (tokens.revokeSessions().revokeSession(SessionId.of(target.session)) ? 1 : 0)
                            : tokens.revokeSessions().revokeCustomerSessions(CustomerId.of(target.customer));
                }
                spec.commandLine().getOut().println(new JsonObject().put("revoked", revoked).encode());
                return 0;
            }
        }

        @Command(name = "purge", mixinStandardHelpOptions = true,
                description = "Deletes now the sessions housekeeping would delete (refresh window ended, or revoked "
                        + "more than --retention-days ago) and prints how many.")
        static final class Purge implements Callable<Integer> {
            @Mixin
            ConfigOptions config;
            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                Settings settings = config.toSettings();
                Logs.useFormat(settings.operations().logFormat());
                long purged;
                try (CustomerTokens tokens = CustomerTokens.open(settings, Clock.systemUTC())) {
                    purged = tokens.purgeSessions().purge();
                }
                spec.commandLine().getOut().println(purged);
                return 0;
            }
        }
    }
}
