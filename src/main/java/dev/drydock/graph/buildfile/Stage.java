package dev.drydock.graph.buildfile;

import dev.drydock.image.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * One build stage: a FROM and the instructions up to the next FROM. A jib.yaml has a single stage.
 *
 * @param index 0-based, in file order; the last stage is the final image
 * @param name the {@code AS} name, lower-cased as BuildKit does
 * @param line 1-based line of the FROM (of {@code from.image} in a jib.yaml)
 * @param from the base as written, before variables are substituted
 * @param base what {@code from} resolved to
 * @param platform the FROM's {@code --platform}, resolved; empty when none was given
 */
public record Stage(int index, Optional<String> name, int line, String from, StageBase base,
        Optional<Platform> platform) {

    public Stage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(platform, "platform");
    }
}
