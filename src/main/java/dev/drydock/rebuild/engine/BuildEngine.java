package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.Engine;

/**
 * Makes an image and pushes it to every target: Jib for what it expresses exactly, buildah for every other
 * Dockerfile, or a rebase of an image built elsewhere. Each engine takes its own kind of request.
 *
 * @param <R> the request this engine takes
 */
public interface BuildEngine<R> {

    Engine engine();

    /**
     * Builds and pushes; the log gets one line per step and never a credential.
     *
     * @throws BuildException when the build fails; {@link BuildException#temporary()} says whether trying again may help
     */
    BuildResult build(R request, BuildLog log) throws BuildException;
}
