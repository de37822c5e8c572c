package dev.drydock.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The base an image says it was built on: the OCI image-spec's {@code org.opencontainers.image.base.*} keys, read
 * from the manifest's annotations first (their place in the spec, where {@code crane rebase} writes them), then from
 * the config's labels (where Docker-format images and {@code docker build --label} keep them).
 */
public final class BaseAnnotations {

    /** The base as referenced, tag and all. */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    /** The digest of the base the image was built on. */
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

    private BaseAnnotations() {
    }

    /** What an image states about its base; either part may be missing. */
    public record StatedBase(Optional<String> name, Optional<String> digest) {}

    /** @param config the image's config file (its {@code config.Labels} are read) */
    public static StatedBase of(JsonNode manifest, JsonNode config) {
        return new StatedBase(value(manifest, config, BASE_NAME), value(manifest, config, BASE_DIGEST));
    }

    private static Optional<String> value(JsonNode manifest, JsonNode config, String key) {
        for (JsonNode map : new JsonNode[] {manifest.path("annotations"), config.path("config").path("Labels")}) {
            String value = map.path(key).asText("").strip();
            if (!value.isEmpty()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
