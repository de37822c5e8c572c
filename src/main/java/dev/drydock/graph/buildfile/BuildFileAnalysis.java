package dev.drydock.graph.buildfile;

import dev.drydock.image.ImageReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build file builds FROM, which engine builds it, and why.
 *
 * @param kind the format that was read
 * @param stages in file order; the last is the final image
 * @param dependencies every image the build pulls, in file order; at most one is {@code runtime}
 * @param problems why Jib cannot build the file ({@link BuildFileProblem#jibOnly()}), or why no engine can
 *     (an unknown dependency, a step buildah cannot do either); empty when {@code recipe} is present
 * @param recipe what Jib has to build; present exactly when there are no problems
 * @param engine the engine that builds the file and why: Jib when there is a recipe, buildah when every
 *     problem is Jib's only; empty when nothing can build it
 */
public record BuildFileAnalysis(BuildFileKind kind, List<Stage> stages, List<Dependency> dependencies,
        List<BuildFileProblem> problems, Optional<ImageRecipe> recipe, Optional<EngineChoice> engine) {

    public BuildFileAnalysis {
        Objects.requireNonNull(kind, "kind");
        stages = List.copyOf(stages);
        dependencies = List.copyOf(dependencies);
        problems = List.copyOf(problems);
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(engine, "engine");
        if (recipe.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a recipe goes with no problems, and problems with no recipe");
        }
    }

    /** True when some engine can build the final image: every base known, every step one an engine can do. */
    public boolean buildable() {
        return engine.isPresent();
    }

    /**
     * The engine for a task that may force one.
     *
     * @throws EngineRefusedException when the forced engine cannot build this file, or no engine can
     */
    public EngineChoice engineFor(Optional<Engine> forced) {
        EngineChoice chosen = engine.orElseThrow(() -> new EngineRefusedException(
                "no engine can build it: " + describe(problems.stream().filter(p -> !p.jibOnly()).toList())));
        if (forced.isEmpty() || forced.get() == chosen.engine()) {
            return chosen;
        }
        return switch (forced.get()) {
            case JIB -> throw new EngineRefusedException("jib cannot build it: " + describe(problems));
            case BUILDAH -> {
                if (kind != BuildFileKind.DOCKERFILE) {
                    throw new EngineRefusedException("buildah builds Dockerfiles; a jib.yaml is built by Jib");
                }
                yield new EngineChoice(Engine.BUILDAH, "the task asks for buildah");
            }
            case REBASE -> throw new EngineRefusedException("rebase is for rebase tasks (images built elsewhere); "
                    + "a task built by Jib is rebased on its own when only its base changed");
        };
    }

    /** The final image's base image, if it has one (not scratch) and it could be resolved. */
    public Optional<Dependency> runtimeDependency() {
        return dependencies.stream().filter(Dependency::runtime).findFirst();
    }

    /** Every distinct image the build pulls, in the order first seen. */
    public List<ImageReference> references() {
        return dependencies.stream().map(Dependency::reference).distinct().toList();
    }

    /** Problems as one line: {@code line 3: ...; line 7: ...}. */
    public static String describe(List<BuildFileProblem> problems) {
        return String.join("; ", problems.stream()
                .map(p -> (p.line() > 0 ? "line " + p.line() + ": " : "") + p.detail()).toList());
    }
}
