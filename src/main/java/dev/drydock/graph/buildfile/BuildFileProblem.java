package dev.drydock.graph.buildfile;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that keeps drydock from building the file with Jib, or from knowing all of its
 * dependencies: a RUN in the final stage (Jib only: buildah builds it), a FROM whose variable has no value, an
 * unknown jib.yaml field (no engine).
 *
 * @param line 1-based line of the instruction or YAML node
 * @param instruction the Dockerfile instruction, upper-case (empty for jib.yaml)
 * @param path where in a jib.yaml, e.g. {@code layers.entries[0].files[1].dest} (empty for Dockerfiles)
 * @param detail what is wrong and what to do instead
 * @param jibOnly true when only Jib is held back (a RUN, a COPY --from, a HEALTHCHECK...): buildah builds
 *     the file all the same; false when no engine can build it (an unknown dependency, an unknown field)
 */
public record BuildFileProblem(int line, Optional<String> instruction, Optional<String> path, String detail,
        boolean jibOnly) {

    public BuildFileProblem {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }

    static BuildFileProblem atInstruction(int line, String instruction, String detail) {
        return new BuildFileProblem(line, Optional.of(instruction), Optional.empty(), detail, false);
    }

    /** A step Jib cannot do but buildah can. */
    static BuildFileProblem forJib(int line, String instruction, String detail) {
        return new BuildFileProblem(line, Optional.of(instruction), Optional.empty(), detail, true);
    }

    static BuildFileProblem atPath(int line, String path, String detail) {
        return new BuildFileProblem(line, Optional.empty(), Optional.of(path), detail, false);
    }
}
