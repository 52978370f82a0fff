package dev.customertokens.bootstrap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

/**
 * The commands and their groups, and the command line built from them only as far as the arguments reach:
 * picocli builds every command it is given, each with the {@link ConfigOptions} it mixes in, and a command's start
 * should not pay for the others ({@code docs/decisions/0023-commands-start-lean.md}). A command named in the
 * arguments, each name right after its parent's, gets its parents and nothing beside them; arguments that name
 * no command that way (usage, an option first, a mistyped name) get the whole tree, so that help and picocli's
 * suggestions are as they always were.
 */
final class CommandTree {

    private static final Map<Class<?>, List<Class<?>>> CHILDREN = Map.of(
            Main.class, List.of(ServeCommand.class, ApplicationsCommand.class, CustomersCommand.class,
                    TokensCommand.class, SessionsCommand.class, StoreMaintenanceCommand.class),
            ApplicationsCommand.class, List.of(ApplicationsCommand.Add.class),
            CustomersCommand.class, List.of(CustomersCommand.Import.class, CustomersCommand.Delete.class),
            TokensCommand.class, List.of(TokensCommand.Issue.class),
            SessionsCommand.class, List.of(SessionsCommand.Revoke.class, SessionsCommand.List.class,
                    SessionsCommand.Purge.class),
            StoreMaintenanceCommand.class, List.of(StoreMaintenanceCommand.Backup.class));

    private CommandTree() {
    }

    /** The command line for {@code args}: the root, and below it what the arguments name. */
    static CommandLine forArguments(String[] args) {
        return build(Main.class, args, 0);
    }

    private static CommandLine build(Class<?> command, String[] args, int next) {
        CommandLine line = new CommandLine(instantiate(command));
        List<Class<?>> children = CHILDREN.getOrDefault(command, List.of());
        // only a name right after its parent's: "--help serve" asks for the whole tree's usage
        Class<?> named = next >= args.length ? null : children.stream()
                .filter(child -> child.getAnnotation(Command.class).name().equals(args[next]))
                .findFirst().orElse(null);
        for (Class<?> child : children) {
            if (named == null || child == named) {
                line.addSubcommand(build(child, args, named == null ? args.length : next + 1));
            }
        }
        return line;
    }

    private static Object instantiate(Class<?> command) {
        try {
            return CommandLine.defaultFactory().create(command); // as picocli makes a subcommand it is given
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the command " + command.getName(), e);
        }
    }
}
