package dev.drydock.graph.buildfile;

import java.util.Arrays;
import java.util.Optional;

/** The build-file formats drydock reads. */
public enum BuildFileKind {

    DOCKERFILE("Dockerfile"),
    /** The Jib CLI build file ({@code apiVersion: jib/v1alpha1}, {@code kind: BuildFile}). */
    JIB_YAML("jib.yaml");

    private final String displayName;

    BuildFileKind(String displayName) {
        this.displayName = displayName;
    }

    /** Finds a kind by its display name, ignoring case: {@code Dockerfile} or {@code jib.yaml}. */
    public static Optional<BuildFileKind> fromName(String name) {
        return Arrays.stream(values()).filter(k -> k.displayName.equalsIgnoreCase(name)).findFirst();
    }

    /** The kind a build file's name suggests: {@code *.yaml} and {@code *.yml} are Jib build files. */
    public static BuildFileKind ofFileName(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") ? JIB_YAML : DOCKERFILE;
    }

    /** {@code Dockerfile} or {@code jib.yaml}, as the API names the kind. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
