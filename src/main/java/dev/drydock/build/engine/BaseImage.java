package dev.drydock.build.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.Manifest;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the build must know about the pinned base before Jib runs: that it exists for every requested
 * platform, and the environment and working directory that the recipe's kept variables and relative
 * paths are resolved against (those of the first platform; Jib applies one configuration to all).
 *
 * @param reference the pinned base; empty for scratch
 * @param index whether the base is an index (several platforms) rather than one image
 * @param environment the base's {@code Env}, in order
 * @param workingDirectory the base's {@code WorkingDir}, {@code /} when it has none
 */
record BaseImage(Optional<ImageReference> reference, boolean index, Map<String, String> environment,
        String workingDirectory) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final BaseImage SCRATCH = new BaseImage(Optional.empty(), false, Map.of(), "/");

    /** Reads the base's manifest (or index) and the configuration of the first platform's image. */
    static BaseImage inspect(RegistryClient registry, ImageReference pinned, List<Platform> platforms)
            throws BuildException {
        String name = pinned.name() + "@" + pinned.digest().orElseThrow();
        try {
            Manifest top = registry.getManifest(pinned).orElseThrow(() -> new BuildException(
                    BuildException.Kind.BASE_MISSING, "the base " + name + " does not exist in its registry"));
            Manifest image = top;
            if (top.isIndex()) {
                Descriptor first = null;
                for (Platform platform : platforms) {
                    Optional<Descriptor> found = top.index().manifestFor(platform);
                    if (found.isEmpty()) {
                        throw new BuildException(BuildException.Kind.BASE_MISSING, "the base " + name + " has no "
                                + platform + " image; it has " + top.index().platforms().stream()
                                        .map(Platform::toString).collect(Collectors.joining(", ")));
                    }
                    first = first == null ? found.get() : first;
                }
                image = manifest(registry, pinned, first.digest(), name);
            } else if (platforms.size() > 1) {
                throw BuildException.badRecipe("the base " + name + " is a single-platform image, so it cannot be "
                        + "built for " + platforms.stream().map(Platform::toString).collect(Collectors.joining(", "))
                        + ": build one platform or use a multi-platform base");
            }
            JsonNode config = config(registry, pinned, image, name);
            return new BaseImage(Optional.of(pinned), top.isIndex(), environment(config),
                    config.path("WorkingDir").asText("").isEmpty() ? "/" : config.path("WorkingDir").asText());
        } catch (RegistryException e) {
            throw Failures.fromRegistry(e, "cannot read the base " + name);
        }
    }

    private static Manifest manifest(RegistryClient registry, ImageReference pinned, Digest digest, String name)
            throws BuildException {
        return registry.getManifest(pinned.withDigest(digest)).orElseThrow(() -> new BuildException(
                BuildException.Kind.BASE_MISSING, "the base " + name + " lists " + digest + ", which is missing"));
    }

    private static JsonNode config(RegistryClient registry, ImageReference pinned, Manifest image, String name)
            throws BuildException {
        try {
            JsonNode manifest = JSON.readTree(image.content());
            Digest digest = Digest.parse(manifest.path("config").path("digest").asText());
            byte[] blob = registry.getBlob(pinned, digest).orElseThrow(() -> new BuildException(
                    BuildException.Kind.BASE_MISSING, "the configuration of the base " + name + " is missing"));
            return JSON.readTree(blob).path("config");
        } catch (IOException | IllegalArgumentException e) {
            throw new BuildException(BuildException.Kind.BASE_MISSING, "the base " + name
                    + " is not an image drydock can read: " + e.getMessage(), false, e);
        }
    }

    private static Map<String, String> environment(JsonNode config) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode entry : config.path("Env")) {
            String text = entry.asText();
            int equals = text.indexOf('=');
            if (equals > 0) {
                environment.put(text.substring(0, equals), text.substring(equals + 1));
            }
        }
        return environment;
    }

    /** The base as the log shows it: name, tag if known, digest, and what kind of manifest it is. */
    String describe() {
        return reference.map(ref -> ref + (index ? " (multi-platform index)" : " (single image)"))
                .orElse("scratch");
    }
}
