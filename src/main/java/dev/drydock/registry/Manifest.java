package dev.drydock.registry;

import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest or index as fetched, with the digest it was verified against: the bytes hash to
 * {@link #digest()}, so the digest is the one every other client reports for the same content.
 */
public final class Manifest {

    private final String mediaType;
    private final Digest digest;
    private final byte[] content;

    public Manifest(String mediaType, Digest digest, byte[] content) {
        this.mediaType = mediaType;
        this.digest = Objects.requireNonNull(digest, "digest");
        this.content = content.clone();
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    /** A copy of the exact bytes the registry served. */
    public byte[] content() {
        return content.clone();
    }

    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, content.length);
    }

    /** True for an OCI index or a Docker manifest list. */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Parses the content as an index; only meaningful when {@link #isIndex()}. */
    public ManifestIndex index() {
        return ManifestIndex.parse(content);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest other && digest.equals(other.digest) && Objects.equals(mediaType, other.mediaType)
                && Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + " " + digest + ", " + content.length + " bytes]";
    }
}
