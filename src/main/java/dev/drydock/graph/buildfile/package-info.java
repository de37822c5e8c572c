/**
 * Build-file analysis: what a Dockerfile or a Jib CLI {@code jib.yaml} builds FROM, and whether Jib can
 * build it without a container engine.
 *
 * <p>{@link dev.drydock.graph.buildfile.BuildFileAnalyzer} is the front. It reads a build file the way
 * BuildKit (Dockerfile) or Jib CLI ({@code jib.yaml}) would, resolves build arguments and platforms, and
 * returns the stages, the images the build depends on (the final stage's base is the runtime
 * dependency), problems with their line, and, when Jib can build it, an
 * {@link dev.drydock.graph.buildfile.ImageRecipe} for the rebuild workers. Defaults: the target platform
 * is {@code linux/amd64} unless one is requested; references come out normalised ({@code nginx} is
 * {@code docker.io/library/nginx:latest}). A file that BuildKit or Jib CLI would reject outright is a
 * {@link dev.drydock.graph.buildfile.BuildFileSyntaxException} naming the line. Nothing is fetched or
 * stored.
 */
package dev.drydock.graph.buildfile;
