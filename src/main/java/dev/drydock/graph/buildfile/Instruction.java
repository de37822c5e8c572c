package dev.drydock.graph.buildfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Dockerfile instruction after line continuations, comments and heredoc bodies are taken apart.
 *
 * @param line 1-based line where the instruction starts
 * @param keyword upper-case, e.g. {@code COPY}
 * @param flags the leading {@code --name=value} flags, quotes removed; a bare boolean flag reads "true"
 * @param arguments the rest of the instruction, trimmed, variables not yet substituted
 * @param heredocs bodies of {@code <<EOF} documents (RUN, COPY, ADD), in order
 * @param endLine 1-based last line of the instruction: its last continued line or heredoc terminator
 * @param sourceLines 1-based lines whose text makes the instruction, in order: its first line and the continued
 *     lines, without the comments and blank lines among them and without heredoc bodies
 */
record Instruction(int line, String keyword, List<Flag> flags, String arguments, List<Heredoc> heredocs,
        int endLine, List<Integer> sourceLines) {

    Instruction {
        Objects.requireNonNull(keyword, "keyword");
        flags = List.copyOf(flags);
        Objects.requireNonNull(arguments, "arguments");
        heredocs = List.copyOf(heredocs);
        sourceLines = List.copyOf(sourceLines);
    }

    record Flag(String name, String value) {}

    /**
     * A here-document.
     *
     * @param chomp {@code <<-EOF}: leading tabs are stripped from the terminator line
     * @param expand false when the delimiter was quoted, so the body is taken literally
     */
    record Heredoc(String name, boolean chomp, boolean expand, String content) {}

    /** The value of a flag given once (flags given twice are rejected by the parser, except --exclude). */
    Optional<String> flag(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).map(Flag::value).reduce((a, b) -> b);
    }

    List<String> flagValues(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).map(Flag::value).toList();
    }
}
