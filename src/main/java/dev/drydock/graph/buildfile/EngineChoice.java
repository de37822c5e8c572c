package dev.drydock.graph.buildfile;

import java.util.Objects;

/**
 * The engine a build file is built with, and why.
 *
 * @param reason for Jib: that it expresses the file exactly; for buildah: the first step Jib cannot do
 */
public record EngineChoice(Engine engine, String reason) {

    public EngineChoice {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(reason, "reason");
    }
}
