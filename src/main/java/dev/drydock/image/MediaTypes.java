package dev.drydock.image;

import java.util.List;
import java.util.Locale;

/** Manifest media types that drydock reads from registries. */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";

    /** For an {@code Accept} header; index types first so registries return a multi-platform index. */
    public static final List<String> ALL_MANIFESTS =
            List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST_V2);

    private MediaTypes() {
    }

    /** True for an OCI index or Docker manifest list; accepts a Content-Type with parameters. */
    public static boolean isIndex(String mediaType) {
        String type = essence(mediaType);
        return OCI_INDEX.equals(type) || DOCKER_MANIFEST_LIST.equals(type);
    }

    /** True for a single-platform OCI or Docker v2 image manifest. */
    public static boolean isImageManifest(String mediaType) {
        String type = essence(mediaType);
        return OCI_MANIFEST.equals(type) || DOCKER_MANIFEST_V2.equals(type);
    }

    // Media types are case-insensitive and a Content-Type header may carry "; charset=..." parameters.
    private static String essence(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        int semicolon = mediaType.indexOf(';');
        String type = semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType;
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
