package dev.customertokens.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README and docs/ quote code and commands that must stay true; this keeps the quotes and the sources in step. */
class ReadmeTest {

    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLES = Path.of("src/test/java/dev/customertokens/bootstrap/EmbeddingExampleTest.java");

    private static String read(Path path) throws IOException {
        return Files.readString(path);
    }

    @ParameterizedTest
    @CsvSource({"embed-library, README.md", "embed-library, docs/api.md", "mount-router, docs/api.md",
            "own-adapters, docs/api.md"})
    void the_examples_in_the_docs_are_the_tested_ones(String name, String document) throws IOException {
        Matcher matcher = Pattern.compile("// README-BEGIN " + name + "\\n(.*?)\\n\\s*// README-END " + name, Pattern.DOTALL)
                .matcher(read(EXAMPLES));
        assertThat(matcher.find()).as("markers of " + name).isTrue();
        assertThat(read(ROOT.resolve(document))).contains(dedent(matcher.group(1)));
    }

    @Test
    void ci_runs_the_readme_test_command() throws IOException {
        String readme = read(ROOT.resolve("README.md"));
        String testCommand = "./mvnw -B verify";
        assertThat(readme).contains("# Run every test").contains("\n" + testCommand + "\n");
        List<String> ciCommands = read(ROOT.resolve(".ci/run")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("set ") && !line.startsWith("cd "))
                .toList();
        assertThat(ciCommands).containsExactly("exec " + testCommand);
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }
}
