package dev.drydock.graph.buildfile;

import dev.drydock.image.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Dockerfile or jib.yaml: its stages, the images it depends on, and whether Jib can build it.
 * Stateless and thread-safe; nothing is fetched or stored.
 */
@ApplicationScoped
public class BuildFileAnalyzer {

    /** The platform built when none is requested (and, for jib.yaml, none is listed). */
    public static final Platform DEFAULT_PLATFORM = Platform.of("linux", "amd64");

    /**
     * Longer build files are refused, wherever they come from (the analyze endpoint, a task's inline files, a
     * repository); real ones are a few KB.
     */
    public static final int MAX_CONTENT_CHARS = 1_000_000;

    /**
     * Analyses {@code content}.
     *
     * @param args build arguments: Dockerfile {@code ARG}s, and a jib.yaml's {@code ${NAME}} templates
     * @param platform the target platform, {@link #DEFAULT_PLATFORM} when empty; it is what
     *     {@code $TARGETPLATFORM} and {@code $BUILDPLATFORM} mean. A jib.yaml builds its
     *     {@code from.platforms} when it lists any.
     * @throws BuildFileSyntaxException when BuildKit or Jib CLI would reject the file outright, when it is
     *     longer than {@link #MAX_CONTENT_CHARS}, or when its variables expand beyond the {@link ExpansionBudget}
     */
    public BuildFileAnalysis analyze(BuildFileKind kind, String content, Map<String, String> args,
            Optional<Platform> platform) {
        return analyze(kind, content, args, platform, Optional.empty());
    }

    /**
     * Analyses {@code content} as built up to the {@code target} stage ({@code docker build --target}): that stage
     * is the final image, and the stages after it are neither read nor dependencies.
     *
     * @throws UnknownTargetException when no stage has that name
     * @throws IllegalArgumentException for a target of a jib.yaml, which has one stage
     */
    public BuildFileAnalysis analyze(BuildFileKind kind, String content, Map<String, String> args,
            Optional<Platform> platform, Optional<String> target) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(args, "args");
        if (content.length() > MAX_CONTENT_CHARS) {
            throw new BuildFileSyntaxException(1, "the build file is longer than " + MAX_CONTENT_CHARS + " characters");
        }
        Platform targetPlatform = platform.orElse(DEFAULT_PLATFORM);
        return switch (kind) {
            case DOCKERFILE -> DockerfileAnalyzer.analyze(content, args, targetPlatform, target);
            case JIB_YAML -> {
                if (target.isPresent()) {
                    throw new IllegalArgumentException("a jib.yaml has no stages to target");
                }
                yield JibYamlAnalyzer.analyze(content, args, targetPlatform);
            }
        };
    }
}
