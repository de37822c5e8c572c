package dev.drydock.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.Digest;
import dev.drydock.image.Platform;
import dev.drydock.registry.Descriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import needs to know of a manifest, read from its exact bytes (never re-serialised, so digests stay):
 * the blobs an image or artifact manifest names, the manifests an index names, and, for chosen platforms, a new
 * index holding only their entries.
 */
final class ManifestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestJson() {}

    /**
     * The config and layers of an image or OCI artifact manifest (any media types), plus the {@code blobs} of the
     * older OCI artifact manifest. Non-distributable (foreign) layers that name URLs are left out: registries do
     * not serve them.
     */
    static List<Descriptor> blobs(byte[] manifest) {
        JsonNode root = read(manifest);
        List<Descriptor> out = new ArrayList<>();
        if (root.hasNonNull("config")) {
            out.add(descriptor(root.get("config")));
        }
        for (String field : List.of("layers", "blobs")) {
            for (JsonNode layer : root.path(field)) {
                boolean foreign = layer.path("mediaType").asText("").contains("foreign")
                        || layer.path("mediaType").asText("").contains("nondistributable");
                if (!(foreign && layer.has("urls"))) {
                    out.add(descriptor(layer));
                }
            }
        }
        return out;
    }

    /** The manifests an index or manifest list names, in order. */
    static List<Descriptor> children(byte[] index) {
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode entry : read(index).path("manifests")) {
            out.add(descriptor(entry));
        }
        return out;
    }

    /**
     * A new index with only the entries for {@code wanted} (os and architecture equal; the variant too when the
     * wanted platform has one), every other field as it was. Empty manifests when nothing matched.
     */
    static byte[] selectPlatforms(byte[] index, List<Platform> wanted) {
        ObjectNode root = (ObjectNode) read(index);
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode entry : root.path("manifests")) {
            JsonNode p = entry.path("platform");
            if (p.isObject() && wanted.stream().anyMatch(w -> matches(w, p))) {
                kept.add(entry);
            }
        }
        root.set("manifests", kept);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int entries(byte[] index) {
        return read(index).path("manifests").size();
    }

    private static boolean matches(Platform wanted, JsonNode p) {
        return wanted.os().equals(p.path("os").asText()) && wanted.architecture().equals(p.path("architecture").asText())
                && wanted.variant().map(v -> v.equals(p.path("variant").asText())).orElse(true);
    }

    private static Descriptor descriptor(JsonNode node) {
        return new Descriptor(node.path("mediaType").asText(null), Digest.parse(node.path("digest").asText()),
                node.path("size").asLong());
    }

    private static JsonNode read(byte[] content) {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the manifest is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not JSON: " + e.getMessage(), e);
        }
    }
}
