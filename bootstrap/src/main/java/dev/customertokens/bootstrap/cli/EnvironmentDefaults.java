package dev.customertokens.bootstrap.cli;

import picocli.CommandLine;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Takes an option's value from the environment when its flag is absent: {@code --db-url} reads
 * {@code CUSTOMER_TOKENS_DB_URL}. A flag given on the command line always wins.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    static final String PREFIX = "CUSTOMER_TOKENS_";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    static String variableFor(String longOptionName) {
        String bare = longOptionName.replaceFirst("^-+", "");
        return PREFIX + bare.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (argSpec instanceof CommandLine.Model.OptionSpec option) {
            String value = environment.get(variableFor(option.longestName()));
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
