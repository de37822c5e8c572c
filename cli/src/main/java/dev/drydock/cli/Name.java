package dev.drydock.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A name given as the first argument or with {@code -n/--name}, as az accepts. */
final class Name {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the name (or -n NAME)")
    String positional;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "the name")
    String option;

    String get() {
        if (positional != null && option != null && !positional.equals(option)) {
            throw new CliException("give the name once: " + positional + " or --name " + option, 2);
        }
        String name = option != null ? option : positional;
        if (name == null || name.isBlank()) {
            throw new CliException("a name is needed: as the first argument or with --name", 2);
        }
        return name;
    }
}
