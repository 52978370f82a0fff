package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.HttpService;
import dev.customertokens.bootstrap.operations.ServiceMeters;

import java.time.Clock;

/**
 * What {@code serve} runs: the library on a Prometheus registry of its own (so that the pool's meters are scraped
 * with the rest), served by {@link HttpService}. Closing it stops the service gracefully, then the meters.
 */
public final class RunningService implements AutoCloseable {

    private final HttpService service;
    private final ServiceMeters meters;

    private RunningService(HttpService service, ServiceMeters meters) {
        this.service = service;
        this.meters = meters;
    }

    /** Opens the database and listens; blocks until both listeners are bound. */
    public static RunningService start(Settings settings, Clock clock) {
        ServiceMeters meters = ServiceMeters.create();
        try {
            CustomerTokens tokens = CustomerTokens.open(settings.library(), clock, meters.registry(), null);
            return new RunningService(HttpService.start(tokens, settings.service()), meters);
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
    }

    public HttpService service() {
        return service;
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            meters.close();
        }
    }
}
