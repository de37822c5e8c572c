package dev.drydock.graph.buildfile;

import dev.drydock.graph.buildfile.ShellWords.Result;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Problem texts for variables without a value, with a hint that fits how the variable is declared. */
final class Unresolved {

    private Unresolved() {
    }

    /**
     * In FROM, which sees only ARGs declared before the first FROM.
     *
     * @param laterArgs ARGs declared inside stages
     */
    static String inFrom(String what, Result result, Set<String> globalArgs, Map<String, String> args,
            Set<String> laterArgs) {
        if (!result.failures().isEmpty()) {
            return failed(what, result);
        }
        String name = result.unset().iterator().next();
        String hint;
        if (globalArgs.contains(name)) {
            hint = "pass " + name + " in args or give ARG " + name + " a default";
        } else if (laterArgs.contains(name)) {
            hint = "ARG " + name + " is declared after the first FROM, where FROM cannot see it: declare it before "
                    + "the first FROM";
        } else if (args.containsKey(name)) {
            hint = "args only set declared ARGs: add ARG " + name + " before the first FROM";
        } else {
            hint = "declare ARG " + name + "=<default> before the first FROM, or declare it there and pass it in args";
        }
        return noValue(what, result, hint);
    }

    /** In a stage, which sees its own ARGs and ENVs and those of the stage it is built FROM. */
    static String inStage(String what, Result result, Set<String> stageArgs, Set<String> globalArgs) {
        if (!result.failures().isEmpty()) {
            return failed(what, result);
        }
        String name = result.unset().iterator().next();
        String hint;
        if (stageArgs.contains(name)) {
            hint = "pass " + name + " in args or give ARG " + name + " a default";
        } else if (globalArgs.contains(name)) {
            hint = "ARG " + name + " is declared before the first FROM, which only FROM instructions see: repeat "
                    + "ARG " + name + " in this stage";
        } else {
            hint = "declare ARG " + name + "=<default> in this stage, or declare it and pass it in args";
        }
        return noValue(what, result, hint);
    }

    private static String failed(String what, Result result) {
        return what + " cannot be resolved: " + String.join("; ", result.failures());
    }

    private static String noValue(String what, Result result, String hint) {
        String names = result.unset().stream().map(n -> "$" + n).collect(Collectors.joining(", "));
        return what + " uses " + names + ", which " + (result.unset().size() == 1 ? "has" : "have")
                + " no value: " + hint;
    }
}
