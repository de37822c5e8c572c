package dev.drydock.graph.buildfile;

import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * An image that a build pulls.
 *
 * @param reference normalised, e.g. {@code docker.io/library/eclipse-temurin:21-jre}
 * @param stage index of the stage that pulls it (0 for jib.yaml)
 * @param runtime true for the final image's base: what the built image is FROM, through stage aliases
 * @param platform the platform pulled: the FROM's {@code --platform}, else the target platform; empty
 *     when {@code --platform} could not be resolved
 * @param line 1-based line of the FROM, COPY or RUN (or of {@code from.image} in a jib.yaml)
 * @param via the instruction that pulls it
 */
public record Dependency(ImageReference reference, int stage, boolean runtime, Optional<Platform> platform,
        int line, Via via) {

    /** How a build file pulls an image. */
    public enum Via {
        FROM("FROM"),
        COPY_FROM("COPY --from"),
        RUN_MOUNT("RUN --mount");

        private final String text;

        Via(String text) {
            this.text = text;
        }

        /** As written in a Dockerfile, e.g. {@code COPY --from}. */
        public String text() {
            return text;
        }
    }

    public Dependency {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(via, "via");
    }

    /** True when the reference names a digest, so a new push of the tag does not change the build. */
    public boolean pinned() {
        return reference.digest().isPresent();
    }
}
