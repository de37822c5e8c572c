package dev.drydock.registry;

import dev.drydock.image.Digest;
import java.util.Objects;

/**
 * What a registry says about a manifest or blob without its content: media type, digest and size
 * (an OCI descriptor). {@code size} is -1 when the registry did not send a length.
 */
public record Descriptor(String mediaType, Digest digest, long size) {

    public Descriptor {
        Objects.requireNonNull(digest, "digest");
    }
}
