package dev.drydock.graph.buildfile;

/**
 * What expanding the variables of one build file may produce and cost. The same caps hold wherever a build
 * file's variables are expanded: the analysis (the analyze endpoint, task registration, dry runs, every run)
 * and the builder's expansion of kept references against the base image's environment. Without them
 * {@code ARG A1=${A0}${A0}}, {@code ARG A2=${A1}${A1}}, … doubles a value per line, and a pattern such as
 * {@code ${V#*a*a*a…b}} can make matching slow.
 *
 * <p>Going over a cap is an {@link ExpansionLimitException}, which the analysis reports with the line.
 * Not thread-safe: one budget per build file (or per build).
 */
public final class ExpansionBudget {

    /** The longest value a substitution or a word may expand to, in characters. */
    public static final int MAX_VALUE_CHARS = 65_536;

    /** All characters substitutions may produce in one build file, counted each time a variable is used. */
    public static final long MAX_TOTAL_CHARS = 4_000_000;

    /** Glob matching steps ({@code #}, {@code %}, {@code /} patterns) in one build file: one per character and pattern position. */
    public static final long MAX_MATCH_STEPS = 50_000_000;

    /** How deeply substitutions may nest in one another: {@code ${A:-${B:-…}}}. */
    public static final int MAX_NESTING = 32;

    private long substituted;
    private long matchSteps;

    /** Checks the length of a value being built. */
    void value(int length) {
        if (length > MAX_VALUE_CHARS) {
            throw new ExpansionLimitException("a value expands to more than " + MAX_VALUE_CHARS + " characters");
        }
    }

    /** Charges a substitution's result, and checks its length. */
    String substituted(String value) {
        value(value.length());
        substituted += value.length();
        if (substituted > MAX_TOTAL_CHARS) {
            throw new ExpansionLimitException("the build file's variables expand to more than " + MAX_TOTAL_CHARS
                    + " characters in all");
        }
        return value;
    }

    void nesting(int depth) {
        if (depth > MAX_NESTING) {
            throw new ExpansionLimitException("substitutions are nested more than " + MAX_NESTING + " deep");
        }
    }

    void matchSteps(int steps) {
        matchSteps += steps;
        if (matchSteps > MAX_MATCH_STEPS) {
            throw new ExpansionLimitException("matching the build file's ${VAR#pattern}, ${VAR%pattern} and "
                    + "${VAR/pattern/text} substitutions takes more than " + MAX_MATCH_STEPS + " steps");
        }
    }

    /** Matching steps spent so far. */
    long matchStepsSpent() {
        return matchSteps;
    }
}
