package dev.customertokens.bootstrap.operations;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * One logging path (Logback through SLF4J) for every line: ours, Vert.x's and the libraries'; and the
 * {@code --log-format} of CONTRACT 3 applied to all of them.
 */
public final class Logs {

    public static final String FORMAT_PROPERTY = "customer-tokens.log-format";

    private Logs() {
    }

    /** Before anything logs: Vert.x writes through SLF4J rather than java.util.logging. */
    public static void routeEverythingThroughSlf4j() {
        if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
            System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        }
    }

    /** Writes every further line as {@code format} ({@code text} or {@code json}). */
    public static void useFormat(String format) {
        if (format.equals(LogConfiguration.format())) {
            return;
        }
        System.setProperty(FORMAT_PROPERTY, format);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                System.err.println("customer-tokens: cannot apply --log-format " + format + ": " + e.getMessage());
            }
        }
    }

    /** Writes out what the queue of the access log still holds; at the end of {@code serve}. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
