package dev.customertokens.bootstrap.cli;

import dev.customertokens.adapters.jwt.Hs256Secret;
import dev.customertokens.adapters.persistence.EmbeddedDurability;
import dev.customertokens.bootstrap.ConfigurationException;
import dev.customertokens.bootstrap.CustomerTokens;
import dev.customertokens.bootstrap.CustomerTokensBuilder;
import dev.customertokens.bootstrap.CustomerTokensSettings;
import dev.customertokens.bootstrap.ServiceSettings;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flags and variables of CONTRACT 3 ({@link ConfigOptions}) turned into the public builders' calls: the command
 * line parses text, the builders check every value. What is the command line's own (entries of retired keys, the
 * file of retired secrets, the log format) is read and checked here.
 */
final class CommandLineSettings {

    private CommandLineSettings() {
    }

    static Settings parse(Map<String, String> environment, String... flags) {
        ConfigOptions options = new ConfigOptions();
        CommandLine commandLine = new CommandLine(new ParsedOptions(options));
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        try {
            commandLine.parseArgs(flags);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigurationException(e.getMessage());
        }
        return from(options);
    }

    @CommandLine.Command(name = "settings")
    private static final class ParsedOptions {
        @CommandLine.Mixin
        final ConfigOptions options;

        ParsedOptions(ConfigOptions options) {
            this.options = options;
        }
    }

    static Settings from(ConfigOptions options) {
        ServiceSettings service = ServiceSettings.builder()
                .host(options.host).port(options.port).apiVersions(options.apiVersions)
                .workerPoolSize(Math.max(1, options.dbPoolSize))
                .maxQueuedRequests(options.maxQueuedRequests).queueDeadline(Duration.ofMillis(options.queueDeadlineMillis))
                .managementHost(options.managementHost).managementPort(options.managementPort)
                .adminToken(options.adminToken)
                .purgeInterval(Duration.ofMinutes(options.purgeIntervalMinutes))
                .shutdownGrace(Duration.ofSeconds(options.shutdownGraceSeconds))
                .build();
        CustomerTokensSettings library = library(options).settings();
        return new Settings(library, service, logFormat(options.logFormat));
    }

    private static CustomerTokensBuilder library(ConfigOptions options) {
        String publicUrl = options.publicUrl == null || options.publicUrl.isBlank()
                ? "http://" + (options.host.contains(":") ? "[" + options.host + "]" : options.host) + ":" + options.port
                : options.publicUrl;
        CustomerTokensBuilder builder = CustomerTokens.builder()
                .dataFolder(options.dataDir)
                .jdbcUrl(options.dbUrl).databaseUser(options.dbUser).databasePassword(options.dbPassword)
                .databasePoolSize(options.dbPoolSize)
                .jwtAlgorithm(options.jwtAlgorithm).keyId(options.jwtKeyId).jwtSecret(options.jwtSecret)
                .jwtPrivateKeyFile(options.jwtPrivateKeyFile)
                .subjectHash(options.subjectHash)
                .publicUrl(publicUrl)
                .trustedIssuers(options.trustedIssuers)
                .grace(Duration.ofSeconds(options.graceSeconds))
                .leeway(Duration.ofSeconds(options.leewaySeconds))
                .idleTimeout(Duration.ofMinutes(options.idleTimeoutMinutes))
                .graceReplays(options.graceReplays)
                .dpopMaxSkew(Duration.ofSeconds(options.dpopMaxSkewSeconds))
                .dpopNonces(options.dpopNonces)
                .retention(Duration.ofDays(options.retentionDays));
        if (options.embeddedDurability != null && !options.embeddedDurability.isBlank()) {
            builder.embeddedDurability(embeddedDurability(options.embeddedDurability));
        }
        if (options.ttlMinutes != null) {
            builder.ttl(Duration.ofMinutes(options.ttlMinutes));
        }
        if (options.refreshTtlMinutes != null) {
            builder.refreshTtl(Duration.ofMinutes(options.refreshTtlMinutes));
        }
        for (String entry : options.jwtPreviousSecrets) {
            if (!entry.isBlank()) {
                builder.acceptAlso(retiredSecret(entry, "--jwt-previous-secrets"));
            }
        }
        if (options.jwtPreviousSecretsFile != null) {
            retiredSecretsIn(options.jwtPreviousSecretsFile).forEach(builder::acceptAlso);
        }
        for (String entry : options.jwtPreviousPublicKeyFiles) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String path = entry.substring(equals + 1).strip();
            if (path.isEmpty() || (equals >= 0 && entry.substring(0, equals).isBlank())) {
                throw new ConfigurationException("--jwt-previous-public-key-files entries are 'kid=path' or 'path', not '"
                        + entry + "'");
            }
            builder.acceptAlsoPublicKeyFile(equals < 0 ? null : entry.substring(0, equals).strip(), Path.of(path));
        }
        return builder;
    }

    private static EmbeddedDurability embeddedDurability(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "process" -> EmbeddedDurability.PROCESS;
            case "power" -> EmbeddedDurability.POWER;
            default -> throw new ConfigurationException("--embedded-durability must be process or power, not '" + value
                    + "'");
        };
    }

    private static Hs256Secret retiredSecret(String entry, String where) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            throw new ConfigurationException(where + " entries are 'kid=secret' or '=secret'");
        }
        String kid = entry.substring(0, equals).strip();
        byte[] secret = entry.substring(equals + 1).getBytes(StandardCharsets.UTF_8);
        try {
            Hs256Secret.requireLongEnough(secret, "each " + where + " secret");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        return new Hs256Secret(kid.isEmpty() ? null : kid, secret);
    }

    /** One {@code kid=secret} or {@code =secret} a line; blank lines and lines starting with '#' are skipped. */
    static List<Hs256Secret> retiredSecretsIn(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--jwt-previous-secrets-file " + file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigurationException("--jwt-previous-secrets-file " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<Hs256Secret> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                // the message names the line, never its content: it holds a secret
                secrets.add(retiredSecret(line, "--jwt-previous-secrets-file " + file + " line " + (i + 1) + ":"));
            }
        }
        return secrets;
    }

    private static String logFormat(String given) {
        String format = given == null ? "text" : given.strip().toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new ConfigurationException("--log-format must be text or json, not '" + given + "'");
        }
        return format;
    }

}
