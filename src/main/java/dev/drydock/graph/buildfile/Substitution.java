package dev.drydock.graph.buildfile;

import java.util.Map;

/**
 * Expands the variable references a recipe kept as written because only the base image knows them, e.g. the
 * {@code $PATH} of {@code ENV PATH=$PATH:/app/bin}, against the base image's environment. It is the analysis's
 * own word processing ({@link ShellWords}) with quoting off, so every substitution form the analysis knows
 * works here too, with the same {@link ExpansionBudget} caps: one instance per build, whose budget all of the
 * build's expansions share. An unset variable is empty; a {@code $} that starts no valid substitution stays.
 */
public final class Substitution {

    private final ShellWords shell = new ShellWords(DockerfileParser.DEFAULT_ESCAPE, new ExpansionBudget());

    /**
     * @throws ExpansionLimitException when this build's expansions go over a cap
     */
    public String expand(String text, Map<String, String> values) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        return shell.substitute(text, values::get);
    }
}
