package dev.drydock.rebuild.engine;

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
 * @param manifest the first platform's image manifest; null for scratch
 * @param configFile that image's whole configuration file (rootfs, history, config); null for scratch
 */
record BaseImage(Optional<ImageReference> reference, boolean index, Map<String, String> environment,
        String workingDirectory, JsonNode manifest, JsonNode configFile) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final BaseImage SCRATCH = new BaseImage(Optional.empty(), false, Map.of(), "/", null, null);

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
            JsonNode manifest = json(image.content(), name);
            JsonNode configFile = configFile(registry, pinned, manifest, name);
            JsonNode config = configFile.path("config");
            return new BaseImage(Optional.of(pinned), top.isIndex(), ImageEnvironment.of(config),
                    config.path("WorkingDir").asText("").isEmpty() ? "/" : config.path("WorkingDir").asText(),
                    manifest, configFile);
        } catch (RegistryException e) {
            throw Failures.fromRegistry(e, "cannot read the base " + name);
        }
    }

    private static Manifest manifest(RegistryClient registry, ImageReference pinned, Digest digest, String name)
            throws BuildException {
        return registry.getManifest(pinned.withDigest(digest)).orElseThrow(() -> new BuildException(
                BuildException.Kind.BASE_MISSING, "the base " + name + " lists " + digest + ", which is missing"));
    }

    private static JsonNode configFile(RegistryClient registry, ImageReference pinned, JsonNode manifest, String name)
            throws BuildException {
        Digest digest;
        try {
            digest = Digest.parse(manifest.path("config").path("digest").asText());
        } catch (IllegalArgumentException e) {
            throw unreadable(name, e);
        }
        byte[] blob = registry.getBlob(pinned, digest).orElseThrow(() -> new BuildException(
                BuildException.Kind.BASE_MISSING, "the configuration of the base " + name + " is missing"));
        return json(blob, name);
    }

    private static JsonNode json(byte[] content, String name) throws BuildException {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    private static BuildException unreadable(String name, Exception e) {
        return new BuildException(BuildException.Kind.BASE_MISSING, "the base " + name
                + " is not an image drydock can read: " + e.getMessage(), false, e);
    }

    /** The base as the log shows it: name, tag if known, digest, and what kind of manifest it is. */
    String describe() {
        return reference.map(ref -> ref + (index ? " (multi-platform index)" : " (single image)"))
                .orElse("scratch");
    }
}
