package dev.customertokens.bootstrap.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging the command line sets up in code: standard error only, text or JSON, and someone else's wins. */
class LogConfigurationTest {

    private final LoggerContext context = new LoggerContext();

    LogConfigurationTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        context.stop();
    }

    /** Applies the configuration, with the lines of standard error's appender captured. */
    private void apply(boolean json) {
        LogConfiguration.apply(context, json);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> standardError = (ConsoleAppender<ILoggingEvent>) root.getAppender("stderr");
        assertThat(standardError.getTarget()).isEqualTo("System.err");
        standardError.setOutputStream(captured);
    }

    private String written() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void text_lines_carry_time_level_logger_request_id_and_message() {
        apply(false);

        context.getLogger("dev.customertokens.Example").info("hello {}", "there");

        assertThat(written()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.customertokens\\.Example \\[-] - hello there\\R");
    }

    @Test
    void json_lines_are_one_object_each_with_the_formatted_message() {
        apply(true);

        context.getLogger("dev.customertokens.Example").warn("hello {}", "there");

        JsonObject line = new JsonObject(written().strip());
        assertThat(line.getString("level")).isEqualTo("WARN");
        assertThat(line.getString("loggerName")).isEqualTo("dev.customertokens.Example");
        assertThat(line.getString("formattedMessage")).isEqualTo("hello there");
        assertThat(line.containsKey("message")).as("only the formatted message").isFalse();
    }

    @Test
    void the_access_log_and_the_audit_trail_are_batched_and_not_written_twice() {
        LogConfiguration.apply(context, false);

        for (String name : LogConfiguration.BATCHED_LOGGERS) {
            Logger logger = context.getLogger(name);
            assertThat(logger.isAdditive()).as(name).isFalse();
            assertThat(logger.iteratorForAppenders()).toIterable().singleElement()
                    .isInstanceOf(BatchingStderrAppender.class);
        }
    }

    @Test
    void libraries_say_only_what_goes_wrong() {
        apply(false);

        context.getLogger("com.zaxxer.hikari.pool.HikariPool").info("pool started");
        context.getLogger("org.flywaydb.core.Flyway").warn("a migration failed");

        assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(written()).doesNotContain("pool started").contains("a migration failed");
    }

    @Test
    void with_nobody_elses_configuration_the_format_and_level_come_from_the_settings() {
        ClassLoader noResources = new URLClassLoader(new URL[0], null);
        System.setProperty(Logs.FORMAT_PROPERTY, "json");
        System.setProperty("CUSTOMER_TOKENS_LOG_LEVEL", "WARN");
        try {
            LogConfiguration configuration = new LogConfiguration();
            configuration.setContext(context);

            assertThat(configuration.configure(context, noResources)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty(Logs.FORMAT_PROPERTY);
            System.clearProperty("CUSTOMER_TOKENS_LOG_LEVEL");
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(((ConsoleAppender<ILoggingEvent>) root.getAppender("stderr")).getEncoder())
                .isInstanceOf(JsonEncoder.class);
    }

    @Test
    void a_logback_configuration_on_the_class_path_is_left_to_logback() {
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);

        // this module's tests have a logback-test.xml, as an embedding application may have a logback.xml
        assertThat(configuration.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).toIterable().isEmpty();
    }
}
