package dev.drydock.graph.buildfile;

/**
 * Thrown while one instruction is read; the analyzer adds the instruction's line and rethrows it as a
 * {@link BuildFileSyntaxException}, so helpers need not know where they are.
 */
class InstructionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InstructionException(String detail) {
        super(detail);
    }

    BuildFileSyntaxException at(int line) {
        return new BuildFileSyntaxException(line, getMessage());
    }
}
