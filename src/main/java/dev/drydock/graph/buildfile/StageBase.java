package dev.drydock.graph.buildfile;

import dev.drydock.image.ImageReference;
import java.util.Objects;

/** What a stage is built FROM. */
public sealed interface StageBase {

    /** A registry image; a dependency of the build. */
    record Image(ImageReference reference) implements StageBase {
        public Image {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /** An earlier stage ({@code FROM build}); not a dependency by itself. */
    record OfStage(int index) implements StageBase {}

    /** {@code FROM scratch}: an empty file system, no dependency. */
    record Scratch() implements StageBase {}

    /** The base could not be resolved, e.g. a variable without a value; a problem says why. */
    record Unresolved() implements StageBase {}
}
