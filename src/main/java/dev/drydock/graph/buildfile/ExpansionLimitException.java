package dev.drydock.graph.buildfile;

/**
 * Expanding a build file's variables went over one of the {@link ExpansionBudget} caps. The analysis turns
 * it into a {@link BuildFileSyntaxException} naming the line; the builder into a failed build.
 */
public final class ExpansionLimitException extends InstructionException {

    private static final long serialVersionUID = 1L;

    ExpansionLimitException(String detail) {
        super(detail);
    }
}
