package dev.customertokens.bootstrap.cli;

import dev.customertokens.application.port.in.IssueTokenCommand;
import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.CustomerTokensSettings;
import dev.customertokens.bootstrap.HttpService;
import dev.customertokens.bootstrap.operations.Logs;
import dev.customertokens.application.port.in.TokenGrant;
import dev.customertokens.domain.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code serve}: the HTTP service, until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the HTTP service. On an empty embedded default database (or with --demo on any "
                + "empty one) it seeds a demo application and customer and prints a ready-to-paste curl.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOptions config;

    @Option(names = "--demo", description = "Seed the demo data into an empty database that is not the embedded default.")
    boolean demo;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.toSettings();
        Logs.useFormat(settings.logFormat());
        RunningService running = RunningService.start(settings, Clock.systemUTC());
        HttpService service = running.service();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            LOG.info("shutting down: readiness DOWN, answering the requests in flight (grace {} s)",
                    settings.service().shutdownGrace().toSeconds());
            running.close();
            LOG.info("stopped");
            Logs.flush();
        };
        GracefulStop.onSignals(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "customer-tokens-exit"));
        CustomerTokens tokens = service.customerTokens();
        CustomerTokensSettings library = tokens.settings();
        try {
            // what a command run beside this one needs to issue tokens this one accepts (never a secret)
            ServeSettingsFile.record(library);
        } catch (ConfigurationException e) {
            LOG.warn("{}; commands run beside this service must be given its settings", e.getMessage());
        }
        String host = settings.service().http().host();
        LOG.info("customer-tokens listening on http://{}:{} ({})", host, service.port(),
                library.embeddedDefaultDatabase() ? "embedded database in " + library.dataFolder()
                        : settings.databaseWithoutCredentials());
        service.managementPort().ifPresentOrElse(
                port -> LOG.info("management listener (health, metrics, API description, admin API {}) on http://{}:{}",
                        settings.service().adminToken() == null ? "off" : "on",
                        hostForUrl(settings.service().managementHost()), port),
                () -> LOG.info("management listener off"));
        if ((library.embeddedDefaultDatabase() || demo) && tokens.holdsNoData()) {
            Application application = DemoSeed.demoApplication();
            tokens.administration().register(application);
            tokens.administration().importAccounts(DemoSeed.demoCustomers());
            TokenGrant grant = tokens.issueToken().issue(new IssueTokenCommand(DemoSeed.demoCustomer().id(),
                    application.key(), null));
            LOG.info("Seeded the demo application (id {}) and the demo customer; try:", application.id());
            PrintWriter out = spec.commandLine().getOut();
            out.println(Main.curl("http://" + hostForUrl(host) + ":" + service.port(), application.key(), grant.token()));
            out.flush();
        }
        new CountDownLatch(1).await();
        return 0;
    }

    static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
