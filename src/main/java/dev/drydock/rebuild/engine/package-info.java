/**
 * Builds an image from an {@link dev.drydock.graph.buildfile.ImageRecipe} with Jib core and pushes it to
 * the private registry; no container engine anywhere.
 *
 * <p>{@link dev.drydock.rebuild.engine.JibImageBuilder} is the front: one
 * {@link dev.drydock.rebuild.engine.BuildRequest} in, one {@link dev.drydock.rebuild.engine.BuildResult} out, or
 * a {@link dev.drydock.rebuild.engine.BuildException} whose kind says what went wrong. Defaults: the base is
 * always pulled by the digest pinned in the request, the creation time is the epoch (so an unchanged
 * rebuild has the same digest), the platforms are the recipe's, and every step goes to the
 * {@link dev.drydock.rebuild.engine.BuildLog}. Interrupting the building thread cancels the build.
 */
package dev.drydock.rebuild.engine;
