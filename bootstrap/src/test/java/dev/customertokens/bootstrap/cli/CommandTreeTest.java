package dev.customertokens.bootstrap.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line holds what its arguments name, and all of it when they name nothing it knows. */
class CommandTreeTest {

    private static final String[] ALL = {"serve", "applications", "customers", "tokens", "sessions", "store"};

    @Test
    void a_named_command_is_built_with_its_parents_only() {
        CommandLine line = CommandTree.forArguments(new String[] {"sessions", "list", "--customer", "x"});

        assertThat(line.getSubcommands()).containsOnlyKeys("sessions");
        assertThat(line.getSubcommands().get("sessions").getSubcommands()).containsOnlyKeys("list");
    }

    @Test
    void a_group_named_alone_gets_all_its_commands() {
        CommandLine line = CommandTree.forArguments(new String[] {"customers", "--help"});

        assertThat(line.getSubcommands()).containsOnlyKeys("customers");
        assertThat(line.getSubcommands().get("customers").getSubcommands()).containsOnlyKeys("import", "delete");
    }

    @Test
    void arguments_that_name_no_command_get_the_whole_tree() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--help", "serve"}, {"-h", "sessions", "list"},
                {"sesions", "list"}}) {
            CommandLine line = CommandTree.forArguments(args);

            assertThat(line.getSubcommands()).as(String.join(" ", args)).containsOnlyKeys(ALL);
            assertThat(line.getSubcommands().get("sessions").getSubcommands())
                    .containsOnlyKeys("revoke", "list", "purge");
            assertThat(line.getSubcommands().get("store").getSubcommands()).containsOnlyKeys("backup");
        }
    }

    @Test
    void a_mistyped_command_in_a_group_is_answered_with_the_groups_commands() {
        CommandLine line = CommandTree.forArguments(new String[] {"sessions", "lst"});
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err));

        assertThat(line.execute("sessions", "lst")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Did you mean: sessions list?");
    }

    @Test
    void an_option_between_a_group_and_its_command_gets_the_whole_group() {
        CommandLine line = CommandTree.forArguments(new String[] {"sessions", "-h", "list"});

        assertThat(line.getSubcommands().get("sessions").getSubcommands()).containsOnlyKeys("revoke", "list", "purge");
    }

    @Test
    void the_usage_lists_every_command_in_order() {
        String usage = CommandTree.forArguments(new String[] {"--help"}).getUsageMessage();

        assertThat(usage).containsSubsequence("serve", "applications", "customers", "tokens", "sessions", "store");
    }
}
