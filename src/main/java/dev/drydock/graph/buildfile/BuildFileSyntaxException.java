package dev.drydock.graph.buildfile;

/**
 * A build file that BuildKit or Jib CLI would reject before building anything: an unknown instruction,
 * an unterminated heredoc, YAML that does not parse. Carries the 1-based line where the trouble starts.
 */
public class BuildFileSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String detail;

    public BuildFileSyntaxException(int line, String detail) {
        super("line " + line + ": " + detail);
        this.line = line;
        this.detail = detail;
    }

    /** 1-based line of the instruction (or YAML node) that is wrong. */
    public int line() {
        return line;
    }

    /** What is wrong, without the line number. */
    public String detail() {
        return detail;
    }
}
