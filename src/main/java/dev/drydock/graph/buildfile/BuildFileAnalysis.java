package dev.drydock.graph.buildfile;

import dev.drydock.image.ImageReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build file builds FROM and whether Jib can build it.
 *
 * @param kind the format that was read
 * @param stages in file order; the last is the final image
 * @param dependencies every image the build pulls, in file order; at most one is {@code runtime}
 * @param problems why Jib cannot build the file, or why some dependency is unknown; empty when
 *     {@code recipe} is present
 * @param recipe what Jib has to build; present exactly when there are no problems
 */
public record BuildFileAnalysis(BuildFileKind kind, List<Stage> stages, List<Dependency> dependencies,
        List<BuildFileProblem> problems, Optional<ImageRecipe> recipe) {

    public BuildFileAnalysis {
        Objects.requireNonNull(kind, "kind");
        stages = List.copyOf(stages);
        dependencies = List.copyOf(dependencies);
        problems = List.copyOf(problems);
        Objects.requireNonNull(recipe, "recipe");
        if (recipe.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a recipe goes with no problems, and problems with no recipe");
        }
    }

    /** True when Jib can build the final image: no RUN or other engine-only step, every base known. */
    public boolean buildable() {
        return recipe.isPresent();
    }

    /** The final image's base image, if it has one (not scratch) and it could be resolved. */
    public Optional<Dependency> runtimeDependency() {
        return dependencies.stream().filter(Dependency::runtime).findFirst();
    }

    /** Every distinct image the build pulls, in the order first seen. */
    public List<ImageReference> references() {
        return dependencies.stream().map(Dependency::reference).distinct().toList();
    }
}
