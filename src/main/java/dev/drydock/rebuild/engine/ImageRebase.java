package dev.drydock.rebuild.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.Digest;
import dev.drydock.registry.RegistryClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rebase decision, without I/O (go-containerregistry's {@code mutate.Rebase}): given the old base, the new
 * base and an image built on the old one, either the image's own layers over the new base's — config with the new
 * base's diff ids and history, environment merged — or a typed refusal. Its inputs are never changed.
 *
 * <p>The history of a base is taken from its config as given; a caller whose images record a base's history
 * differently (Jib copies only some fields) passes the bases with that history ({@link Image#withHistory}).
 */
public final class ImageRebase {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> GZIP_LAYERS = Set.of("application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.oci.image.layer.v1.tar+gzip");
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String DOCKER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** Base layers larger than this are not rebased: drydock's client streams them through a temporary file. */
    public static final long MAX_LAYER_BYTES = RegistryClient.MAX_STREAMED_BLOB_BYTES;

    private ImageRebase() {
    }

    /** An image manifest and its config file. */
    public record Image(ObjectNode manifest, ObjectNode config) {

        public static Image of(JsonNode manifest, JsonNode config) throws RebaseRefused {
            if (!(manifest instanceof ObjectNode m) || !(config instanceof ObjectNode c)) {
                throw new RebaseRefused("a manifest or config is not a JSON object");
            }
            return new Image(m, c);
        }

        /** The same image with its config's history replaced. */
        public Image withHistory(ArrayNode history) {
            ObjectNode copy = config.deepCopy();
            copy.set("history", history);
            return new Image(manifest, copy);
        }
    }

    /**
     * The rebased image, nothing pushed yet.
     *
     * @param manifest the new manifest, pointing at {@code config}
     * @param config the new config file's bytes
     * @param newBaseLayers the new base's layer descriptors, as the new base lists them (to copy)
     * @param appLayers how many of the image's own layers were kept
     */
    public record Result(ObjectNode manifest, byte[] config, List<JsonNode> newBaseLayers, int appLayers) {}

    /** Why the image cannot be rebased. {@link #divergesAt} is set when its layers do not start with the old base's. */
    public static final class RebaseRefused extends Exception {
        private final Integer divergesAt;

        RebaseRefused(String reason) {
            this(reason, null);
        }

        private RebaseRefused(String reason, Integer divergesAt) {
            super(reason, null, false, false);
            this.divergesAt = divergesAt;
        }

        static RebaseRefused notBasedOn(int layer) {
            return new RebaseRefused("the image does not start with the stated base's layers (they diverge at layer "
                    + layer + ")", layer);
        }

        /** The index of the first layer where the image and the old base differ; empty for other refusals. */
        public java.util.Optional<Integer> divergesAt() {
            return java.util.Optional.ofNullable(divergesAt);
        }
    }

    /**
     * @param labels config labels set on the result (e.g. the base digest), over the image's
     * @param annotations manifest annotations set on the result when it is an OCI manifest; a Docker manifest has
     *     no place for them
     */
    public static Result rebase(Image oldBase, Image newBase, Image image, Map<String, String> labels,
            Map<String, String> annotations) throws RebaseRefused {
        List<JsonNode> oldLayers = list(oldBase.manifest().path("layers"));
        List<JsonNode> oldDiffIds = list(oldBase.config().path("rootfs").path("diff_ids"));
        List<JsonNode> layers = list(image.manifest().path("layers"));
        List<JsonNode> diffIds = list(image.config().path("rootfs").path("diff_ids"));
        if (layers.isEmpty()) {
            throw new RebaseRefused("the image has no layers");
        }
        if (diffIds.size() != layers.size() || oldDiffIds.size() != oldLayers.size()) {
            throw new RebaseRefused("an image's diff ids do not match its layers");
        }
        int n = oldLayers.size();
        for (int i = 0; i < n; i++) {
            if (i >= layers.size() || !layers.get(i).path("digest").equals(oldLayers.get(i).path("digest"))
                    || !diffIds.get(i).equals(oldDiffIds.get(i))) {
                throw RebaseRefused.notBasedOn(i);
            }
        }
        List<JsonNode> history = list(image.config().path("history"));
        List<JsonNode> oldHistory = list(oldBase.config().path("history"));
        int appLayers = layers.size() - n;
        if (history.size() < oldHistory.size() || !history.subList(0, oldHistory.size()).equals(oldHistory)) {
            throw new RebaseRefused("the image's history does not continue the stated base's");
        }
        String layerType = layerType(image.manifest(), layers.subList(0, n), layers.get(layers.size() - 1));

        List<JsonNode> newLayers = list(newBase.manifest().path("layers"));
        List<JsonNode> newDiffIds = list(newBase.config().path("rootfs").path("diff_ids"));
        if (newDiffIds.size() != newLayers.size()) {
            throw new RebaseRefused("the new base's diff ids do not match its layers");
        }
        ArrayNode layerArray = JSON.createArrayNode();
        for (JsonNode layer : newLayers) {
            if (!GZIP_LAYERS.contains(layer.path("mediaType").asText()) || layer.has("urls")) {
                throw new RebaseRefused("a layer of the new base is not a plain gzip layer");
            }
            if (layer.path("size").asLong() > MAX_LAYER_BYTES) {
                throw new RebaseRefused("a layer of the new base is larger than " + MAX_LAYER_BYTES + " bytes");
            }
            layerArray.addObject().put("mediaType", layerType).set("digest", layer.path("digest"));
            ((ObjectNode) layerArray.get(layerArray.size() - 1)).put("size", layer.path("size").asLong());
        }
        layers.subList(n, layers.size()).forEach(layerArray::add);

        ObjectNode config = image.config().deepCopy();
        ArrayNode diffIdArray = JSON.createArrayNode();
        newDiffIds.forEach(diffIdArray::add);
        diffIds.subList(n, diffIds.size()).forEach(diffIdArray::add);
        ((ObjectNode) config.path("rootfs")).set("diff_ids", diffIdArray);
        ArrayNode historyArray = JSON.createArrayNode();
        newBase.config().path("history").forEach(historyArray::add);
        history.subList(oldHistory.size(), history.size()).forEach(historyArray::add);
        config.set("history", historyArray);
        ObjectNode containerConfig = config.path("config") instanceof ObjectNode c ? c : config.putObject("config");
        mergeEnvironment(containerConfig, oldBase.config().path("config"), newBase.config().path("config"));
        if (!labels.isEmpty()) {
            ObjectNode labelNode = containerConfig.path("Labels") instanceof ObjectNode l ? l
                    : containerConfig.putObject("Labels");
            labels.forEach(labelNode::put);
        }

        byte[] configBytes;
        try {
            configBytes = JSON.writeValueAsBytes(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode manifest = image.manifest().deepCopy();
        ObjectNode configDescriptor = (ObjectNode) manifest.path("config");
        configDescriptor.put("digest", Digest.sha256Of(configBytes).toString());
        configDescriptor.put("size", (long) configBytes.length);
        manifest.set("layers", layerArray);
        if (!annotations.isEmpty() && OCI_MANIFEST.equals(manifest.path("mediaType").asText())) {
            ObjectNode annotationNode = manifest.path("annotations") instanceof ObjectNode a ? a
                    : manifest.putObject("annotations");
            annotations.forEach(annotationNode::put);
        }
        return new Result(manifest, configBytes, newLayers, appLayers);
    }

    /**
     * The layer type the result's base layers get: the one the image's base layers had (a registry converts nothing,
     * so an image keeps one format), else the gzip type of the image's manifest format.
     */
    private static String layerType(ObjectNode manifest, List<JsonNode> baseLayers, JsonNode lastLayer)
            throws RebaseRefused {
        Set<String> types = new HashSet<>();
        baseLayers.forEach(l -> types.add(l.path("mediaType").asText()));
        if (types.size() > 1) {
            throw new RebaseRefused("the image mixes layer media types");
        }
        if (!types.isEmpty()) {
            return types.iterator().next();
        }
        String last = lastLayer.path("mediaType").asText();
        if (GZIP_LAYERS.contains(last)) {
            return last;
        }
        return OCI_MANIFEST.equals(manifest.path("mediaType").asText()) ? OCI_GZIP : DOCKER_GZIP;
    }

    /**
     * The image's environment with the base's changes applied: a variable the image left as the old base had it takes
     * the new base's value (or goes, when the new base dropped it); one the image set itself is kept; one the new
     * base added is added. Order: the image's, then the additions in the new base's order.
     */
    static void mergeEnvironment(ObjectNode config, JsonNode oldBaseConfig, JsonNode newBaseConfig) {
        Map<String, String> oldBase = ImageEnvironment.of(oldBaseConfig);
        Map<String, String> newBase = ImageEnvironment.of(newBaseConfig);
        if (oldBase.equals(newBase) || !config.has("Env") && oldBase.isEmpty() && newBase.isEmpty()) {
            return;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        ImageEnvironment.of(config).forEach((name, value) -> {
            boolean inherited = value.equals(oldBase.get(name));
            if (!inherited) {
                merged.put(name, value);
            } else if (newBase.containsKey(name)) {
                merged.put(name, newBase.get(name));
            }
        });
        newBase.forEach((name, value) -> {
            if (!oldBase.containsKey(name)) {
                merged.putIfAbsent(name, value);
            }
        });
        ArrayNode env = config.putArray("Env");
        merged.forEach((name, value) -> env.add(name + "=" + value));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
