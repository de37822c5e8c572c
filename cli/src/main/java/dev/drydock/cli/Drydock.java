package dev.drydock.cli;

import java.util.List;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drydock} command line: one group per API area, verbs below it, shaped like {@code az acr}. */
@Command(name = "drydock", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Drive a drydock service from a terminal.",
        footer = {"", "Examples:", "  drydock login --server http://drydock:8080 --token-stdin < token",
                "  drydock task list -o table", "  drydock task run app --wait",
                "  drydock base list --query \"[?status=='failing'].reference\"", "",
                "Exit codes: 0 ok, 1 error, 2 usage, 3 a run waited for did not succeed."})
public final class Drydock {

    /** The groups, in the order help lists them. */
    private static final List<Class<?>> GROUPS = List.of(LoginCommand.class, TaskCommand.class, BaseCommand.class,
            RunCommand.class, FreshnessCommand.class, CredentialSetCommand.class, ImportCommand.class,
            RegistryCommand.class, TokenCommand.class, ScopeMapCommand.class, CacheCommand.class,
            AutoComplete.GenerateCompletion.class);

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and answers its exit code; for tests and for {@link #main}. */
    static int execute(String... args) {
        CommandLine line = new CommandLine(new Drydock());
        // picocli reads every command's annotations when it is added: only the group asked for is, unless help or
        // completion needs them all.
        Optional<Class<?>> asked = GROUPS.stream().filter(group -> args.length > 0 && nameOf(group).equals(args[0])
                && group != AutoComplete.GenerateCompletion.class).findFirst();
        GROUPS.stream().filter(group -> asked.isEmpty() || asked.get() == group).forEach(line::addSubcommand);
        if (line.getSubcommands().containsKey("generate-completion")) {
            line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        }
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: " + (e instanceof CliException ? e.getMessage() : describe(e)));
            return e instanceof CliException c ? c.exitCode() : 1;
        });
        return line.execute(args);
    }

    private static String nameOf(Class<?> group) {
        return group.getAnnotation(Command.class).name();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
