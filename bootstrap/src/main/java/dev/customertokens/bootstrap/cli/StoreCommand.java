package dev.customertokens.bootstrap.cli;

import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.operations.Logs;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * A command that works on the database: reads the configuration, opens the store with a command's small pool, runs,
 * closes. Its result, and only its result, goes to {@link #out()}; messages go to {@link #err()}.
 */
abstract class StoreCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The configuration this command runs with; {@code tokens issue} completes it with serve's. */
    Settings settings() {
        return config.toSettings();
    }

    /** @return the exit code */
    abstract int run(CustomerTokens tokens) throws Exception;

    /** Deletes what {@link #settings()} made for {@link #run} (temporary files), whether the command ran or not. */
    void cleanUp() {
    }

    @Override
    public final Integer call() throws Exception {
        try {
            Settings settings = settings();
            Logs.useFormat(settings.logFormat());
            try (CustomerTokens tokens = CustomerTokens.open(settings.forCommand().library(), Clock.systemUTC(), null,
                    null)) {
                return run(tokens);
            }
        } finally {
            cleanUp();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
