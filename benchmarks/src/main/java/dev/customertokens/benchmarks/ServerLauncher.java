package dev.customertokens.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the load benchmark starts {@code serve}: as the README tells users to, through the distribution's
 * launcher ({@code bin/customer-tokens serve}, with the options of its {@code config/jvm.options}), or, to
 * compare, with a plain {@code java -jar} on the JVM's defaults. The two limits of a run start on the JVM
 * options the service gets, so that a share of them compares like with like.
 */
final class ServerLauncher {

    /** Where {@code ./mvnw package} lays out the distribution unpacked. */
    static final Path BUILT_DISTRIBUTION = Path.of("distribution/target/customer-tokens");

    private final Path home;
    private final Path jar;
    private final boolean plainJava;
    private final List<String> extraJvmOptions;

    private ServerLauncher(Path home, Path jar, boolean plainJava, List<String> extraJvmOptions) {
        this.home = home;
        this.jar = jar;
        this.plainJava = plainJava;
        this.extraJvmOptions = extraJvmOptions;
    }

    /**
     * @param distribution the distribution's home, whose launcher and options are used: the built one, or the
     *                     sources' {@code distribution/src/dist} with a {@code jar}
     * @param jar          the jar to serve, or null for the distribution's own; another jar runs from a copy of
     *                     the distribution in {@code workDir}, so that builds can be compared with one launcher
     * @param plainJava    start {@code java -jar JAR serve} on the JVM's defaults instead of the launcher
     * @param extraJvmOptions options added after the launcher's, as {@code CUSTOMER_TOKENS_JAVA_OPTS} does
     */
    static ServerLauncher of(Path distribution, Path jar, boolean plainJava, List<String> extraJvmOptions, Path workDir) {
        Path launcher = distribution.resolve("bin/customer-tokens");
        if (!plainJava && !Files.isRegularFile(launcher)) {
            throw new IllegalArgumentException(launcher + " is missing: build with ./mvnw -B -q package -DskipTests");
        }
        Path distributed = distribution.resolve("lib/customer-tokens.jar");
        if (jar == null || plainJava) {
            return new ServerLauncher(distribution, jar == null ? distributed : jar, plainJava, extraJvmOptions);
        }
        try {
            Path home = Files.createDirectories(workDir.resolve("customer-tokens-home"));
            for (String folder : List.of("bin", "config", "lib")) {
                Files.createDirectories(home.resolve(folder));
            }
            // also from the sources (distribution/src/dist), where the launcher is not executable yet
            Path copied = Files.copy(launcher, home.resolve("bin/customer-tokens"), StandardCopyOption.REPLACE_EXISTING);
            if (!copied.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + copied + " executable");
            }
            Files.copy(distribution.resolve("config/jvm.options"), home.resolve("config/jvm.options"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(jar, home.resolve("lib/customer-tokens.jar"), StandardCopyOption.REPLACE_EXISTING);
            // the same Java as the distribution's: its bundled runtime when it has one
            Path runtime = distribution.resolve("runtime");
            if (Files.isDirectory(runtime) && !Files.exists(home.resolve("runtime"))) {
                Files.createSymbolicLink(home.resolve("runtime"), runtime.toAbsolutePath());
            }
            return new ServerLauncher(home, jar, false, extraJvmOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command that starts {@code serve} with {@code flags}. */
    ProcessBuilder serve(List<String> flags) {
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command);
        if (plainJava) {
            command.add(javaExecutable());
            command.addAll(extraJvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.add(home.resolve("bin/customer-tokens").toString());
            Map<String, String> environment = builder.environment();
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("CUSTOMER_TOKENS_JAVA_OPTS", String.join(" ", extraJvmOptions));
        }
        command.add("serve");
        command.addAll(flags);
        return builder;
    }

    /** The JVM options {@code serve} runs with: the launcher's for serve, then the extra ones. */
    List<String> serveJvmOptions() {
        List<String> options = new ArrayList<>();
        if (!plainJava) {
            options.addAll(launcherOptions(home.resolve("config/jvm.options"), "serve"));
        }
        options.addAll(extraJvmOptions);
        return options;
    }

    /** What a reader of the results needs to repeat them. */
    String describe() {
        String options = String.join(" ", serveJvmOptions());
        return plainJava
                ? "java " + (options.isEmpty() ? "" : options + " ") + "-jar " + jar + " serve (the JVM's defaults)"
                : home.resolve("bin/customer-tokens") + " serve, running " + jar + " with " + options;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The options {@code bin/customer-tokens} gives {@code scope}, read as it reads them: a bare line applies to
     * every command, {@code serve: OPTION} to serve, {@code import: OPTION} to {@code customers import} and
     * {@code command: OPTION} to the others; '#' starts a comment.
     */
    static List<String> launcherOptions(Path jvmOptions, String scope) {
        List<String> options = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(jvmOptions)) {
                String line = raw.replaceFirst("#.*", "").strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.matches("(serve|import|command):.*")) {
                    String lineScope = line.substring(0, line.indexOf(':'));
                    if (lineScope.equals(scope)) {
                        options.addAll(List.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+")));
                    }
                } else {
                    options.addAll(List.of(line.split("\\s+")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
    }
}
