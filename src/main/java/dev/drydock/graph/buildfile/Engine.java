package dev.drydock.graph.buildfile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What builds an image: Jib for what it expresses exactly, buildah for every other Dockerfile. */
public enum Engine {
    /** No build: the image's own layers written over a new base (rebase tasks, images built elsewhere). */
    REBASE,
    /** Jib core in the worker JVM: jib.yaml, and Dockerfiles without RUN or other engine-only steps. */
    JIB,
    /** buildah, daemonless: RUN, multi-stage with COPY --from, HEALTHCHECK, SHELL, ONBUILD, secrets. */
    BUILDAH;

    /** As written in the API and in task definitions: {@code rebase}, {@code jib}, {@code buildah}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Engine> parse(String text) {
        return Arrays.stream(values()).filter(e -> e.wire().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst();
    }
}
