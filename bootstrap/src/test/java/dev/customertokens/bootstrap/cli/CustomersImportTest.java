package dev.customertokens.bootstrap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code customers import} on large files: read as a stream, written in batches, malformed input named where it is. */
class CustomersImportTest {

    private static final String KEY = "5f2b8c1d9e7a4f3b6c0d8e1f2a3b4c5d";

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private CommandLineTest.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new CommandLineTest.Result(exit, out.toString(), err.toString());
    }

    private static String entry(String id) {
        return "{\"id\": \"" + id + "\", \"first_name\": \"Ana\", \"email\": \"" + id + "@example.com\", \"state\": 1,"
                + " \"demographics\": [{\"key\": \"city\", \"value\": \"Novi Sad\", \"score\": 1.5}]}";
    }

    private Path accounts(String name, String prefix, int count) throws IOException {
        String entries = IntStream.range(0, count).mapToObj(n -> entry(prefix + n)).collect(Collectors.joining(",\n "));
        return Files.writeString(files.resolve(name), "[" + entries + "]\n");
    }

    private boolean exists(String id) {
        return run("customers", "delete", id).exit() == 0;
    }

    @Test
    void a_file_of_several_batches_is_imported_whole_with_the_count_on_stdout_and_a_summary_on_stderr() throws IOException {
        int count = CustomersCommand.Import.BATCH * 2 + 500;

        CommandLineTest.Result imported = run("customers", "import", accounts("many.json", "many-", count).toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("{\"imported\":" + count + "}" + System.lineSeparator());
        assertThat(imported.err()).matches("customer-tokens: imported 2,500 accounts in \\d+\\.\\d s \\([\\d,]+ a second\\)\\R");
        for (int n : List.of(0, CustomersCommand.Import.BATCH, count - 1)) {
            assertThat(exists("many-" + n)).as("many-" + n).isTrue();
        }
    }

    @Test
    void an_id_given_twice_keeps_its_later_entry_whatever_the_order_the_accounts_are_written_in() throws IOException {
        List<String> entries = new ArrayList<>(IntStream.range(0, CustomersCommand.Import.BATCH * 2)
                .mapToObj(n -> entry(UUID.nameUUIDFromBytes(new byte[] {(byte) n, (byte) (n >> 8)}).toString()))
                .toList());
        entries.add(0, entry("zz-twice").replace("\"Ana\"", "\"Earlier\""));
        entries.add(entry("zz-twice").replace("\"Ana\"", "\"Later\""));
        Path file = Files.writeString(files.resolve("twice.json"), "[" + String.join(",\n ", entries) + "]\n");

        CommandLineTest.Result imported = run("customers", "import", file.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("\"imported\":" + entries.size());
        assertThat(run("applications", "add", "--id", "15", "--key", KEY, "--name", "Shop").exit()).isZero();
        CommandLineTest.Result issued = run("tokens", "issue", "--customer", "zz-twice", "--application", KEY);
        assertThat(issued.out()).as(issued.err()).contains("\"first_name\":\"Later\"");
    }

    @Test
    void a_file_in_utf_16_is_imported_too_in_its_own_order() throws IOException {
        String entries = IntStream.range(0, CustomersCommand.Import.BATCH + 10).mapToObj(n -> entry("utf16-" + n))
                .collect(Collectors.joining(",\n "));
        Path file = Files.write(files.resolve("utf16.json"), ("[" + entries + "]\n").getBytes(StandardCharsets.UTF_16LE));

        CommandLineTest.Result imported = run("customers", "import", file.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("\"imported\":" + (CustomersCommand.Import.BATCH + 10));
        assertThat(exists("utf16-" + CustomersCommand.Import.BATCH)).isTrue();
    }

    @Test
    void malformed_json_mid_file_names_line_and_column_exits_2_writes_nothing_and_keeps_earlier_imports() throws IOException {
        assertThat(run("customers", "import", accounts("first.json", "kept-", 3).toString()).exit()).isZero();
        String entries = IntStream.range(0, 3000).mapToObj(n -> n == 2000 ? "{\"id\": \"new-2000\" \"state\": 1}"
                : entry("new-" + n)).collect(Collectors.joining(",\n "));
        Path broken = Files.writeString(files.resolve("broken.json"), "[" + entries + "]\n");

        CommandLineTest.Result refused = run("customers", "import", broken.toString());

        assertThat(refused.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).startsWith("customer-tokens: the file is not valid JSON at line 2001, column 20: ");
        assertThat(exists("new-0")).as("nothing of the broken file is written").isFalse();
        assertThat(exists("kept-0")).as("an earlier import stays").isTrue();
        assertThat(exists("kept-2")).isTrue();
    }

    @Test
    void problems_name_their_line_and_entry_and_a_flood_of_them_is_counted_not_listed() throws IOException {
        String entries = IntStream.range(0, 250).mapToObj(n -> "{\"id\": " + n + "}").collect(Collectors.joining(",\n"));
        Path bad = Files.writeString(files.resolve("bad.json"), "[" + entries + "]");

        CommandLineTest.Result refused = run("customers", "import", bad.toString());

        assertThat(refused.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(refused.err()).contains("line 1, entry 0, id: required, a string")
                .contains("line 100, entry 99, id").doesNotContain("entry 100,").contains("and 150 more problems");
        assertThat(run("customers", "import", Files.writeString(files.resolve("object.json"), "{}").toString()).err())
                .contains("must hold a JSON array");
        assertThat(run("customers", "import", Files.writeString(files.resolve("after.json"), "[] []").toString()).err())
                .contains("not valid JSON at line 1, column 4: more after the array's end");
    }
}
