package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.BuildahDockerfile;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.registry.CredentialLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One buildah build.
 *
 * @param dockerfile the task's Dockerfile with every stage's FROM pinned ({@link BuildahDockerfile#rewrite})
 * @param context the build context (the checkout's context directory)
 * @param runtimeBase the final image's base, pinned (name with tag, and digest); empty for scratch
 * @param pulled every image the build pulls, pinned: their registries get credentials
 * @param targets tags to push to; the first is built, the others get the same image
 * @param platforms requested platforms; buildah builds the host platform only
 * @param labels written as image labels (and, in the OCI format, as manifest annotations for the base)
 * @param buildArgs Dockerfile ARG values
 * @param secrets {@code RUN --mount=type=secret} id → value; written to mode-600 files, never to the command line
 * @param plainHttpRegistries registries spoken to over plain HTTP
 */
public record BuildahRequest(BuildahDockerfile dockerfile, Path context, Optional<ImageReference> runtimeBase,
        List<ImageReference> pulled, List<ImageReference> targets, List<Platform> platforms,
        Map<String, String> labels, Map<String, String> buildArgs, Map<String, String> secrets,
        CredentialLookup credentials, Set<String> plainHttpRegistries) {

    public BuildahRequest {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(runtimeBase, "runtimeBase");
        pulled = List.copyOf(pulled);
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one target");
        }
        platforms = List.copyOf(platforms);
        labels = Map.copyOf(labels);
        buildArgs = Map.copyOf(buildArgs);
        secrets = Map.copyOf(secrets);
        Objects.requireNonNull(credentials, "credentials");
        plainHttpRegistries = Set.copyOf(plainHttpRegistries);
    }
}
