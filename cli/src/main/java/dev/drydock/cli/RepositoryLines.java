package dev.drydock.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --repository REPO ACTION [ACTION...]}, repeatable, as az's scope-map commands take it: each occurrence
 * takes the arguments up to the next option.
 */
final class RepositoryLines implements IParameterConsumer {

    record Line(String repository, List<String> actions) {}

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        List<String> words = new ArrayList<>();
        while (!args.isEmpty() && !args.peek().startsWith("-")) {
            words.add(args.pop());
        }
        if (words.size() < 2) {
            throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(),
                    argSpec.paramLabel() + ": give a repository and at least one action, e.g. team-a/* content/read");
        }
        List<Line> lines = argSpec.getValue() == null ? new ArrayList<>() : new ArrayList<>(argSpec.<List<Line>>getValue());
        lines.add(new Line(words.get(0), List.copyOf(words.subList(1, words.size()))));
        argSpec.setValue(lines);
    }
}
