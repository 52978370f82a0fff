package dev.customertokens.bootstrap.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's logging, set up in code rather than from a {@code logback.xml}, whose XML parser and Joran
 * every command would load before its first line ({@code docs/decisions/0023-commands-start-lean.md}).
 * Every line goes to standard error, as text or as one JSON object a line ({@code --log-format},
 * {@code CUSTOMER_TOKENS_LOG_FORMAT}); the access log and the audit trail through a
 * {@link BatchingStderrAppender}. Logging someone configured is left to Logback: an operator's
 * {@code -Dlogback.configurationFile}, and an embedding application's {@code logback.xml} or
 * {@code logback-test.xml} on the class path (this jar has none).
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    private static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} [%X{request_id:--}] - %msg%n";
    static final List<String> BATCHED_LOGGERS = List.of("customer-tokens.access", "customer-tokens.audit");
    private static final Map<String, Level> QUIET_LIBRARIES = Map.of("com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN, "io.netty", Level.WARN, "h2database", Level.WARN, "io.zonky", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, getClass().getClassLoader());
    }

    /** As {@link #configure(LoggerContext)}, looking for someone else's configuration with {@code loader}. */
    ExecutionStatus configure(LoggerContext context, ClassLoader loader) {
        if (configuredElsewhere(loader)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, "json".equals(format()));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Every line to standard error, as JSON or as text; the access log and the audit trail batched. */
    static void apply(LoggerContext context, boolean json) {
        ConsoleAppender<ILoggingEvent> lines = new ConsoleAppender<>();
        lines.setContext(context);
        lines.setName("stderr");
        lines.setTarget("System.err");
        lines.setEncoder(encoder(context, json));
        lines.start();
        BatchingStderrAppender events = new BatchingStderrAppender();
        events.setContext(context);
        events.setName("stderr-batched");
        events.setEncoder(encoder(context, json));
        events.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting("CUSTOMER_TOKENS_LOG_LEVEL"), Level.INFO));
        root.addAppender(lines);
        for (String name : BATCHED_LOGGERS) {
            Logger logger = context.getLogger(name);
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.addAppender(events);
        }
        QUIET_LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private static boolean configuredElsewhere(ClassLoader loader) {
        return System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || loader.getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null
                || loader.getResource(ContextInitializer.AUTOCONFIG_FILE) != null;
    }

    /** {@code --log-format} as {@link Logs#useFormat} set it, else the environment's, else {@code text}. */
    static String format() {
        String given = System.getProperty(Logs.FORMAT_PROPERTY, setting("CUSTOMER_TOKENS_LOG_FORMAT"));
        return given == null ? "text" : given.strip().toLowerCase(Locale.ROOT);
    }

    /** A system property of that name, else the environment variable: as {@code ${NAME}} in Logback's XML. */
    private static String setting(String name) {
        return System.getProperty(name, System.getenv(name));
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.setWithContext(false);
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            encoder.setWithFormattedMessage(true);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
