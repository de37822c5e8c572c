package dev.drydock.rebuild.engine;

import dev.drydock.image.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a build pushed.
 *
 * @param digest the digest of the manifest (one platform) or index (several) the targets now point at
 * @param mediaType its media type
 * @param pushedTags every target, as {@code registry/repository:tag}
 * @param unchanged true when the first target already held exactly this digest before the build
 * @param platformDigests the image manifest's digest for each platform built
 */
public record BuildResult(String digest, String mediaType, List<String> pushedTags, boolean unchanged,
        Map<Platform, String> platformDigests) {

    public BuildResult {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        pushedTags = List.copyOf(pushedTags);
        platformDigests = Collections.unmodifiableMap(new LinkedHashMap<>(platformDigests));
    }
}
