package dev.drydock.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset k8s/ uses: {@code resources} (files
 * and directories), {@code configMapGenerator} (literals, files, labels; no name hash), {@code patches} (strategic
 * merge, by the patch's kind and name or by a {@code target} kind), {@code labels} (metadata only) and
 * {@code namespace}. Any other field is an error, so a kustomization never silently means more than is rendered.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "configMapGenerator", "generatorOptions", "patches");
    /** Lists merged by element name in a strategic merge patch (containers, env, ports, volumes, volumeMounts). */
    private static final String MERGE_KEY = "name";

    private Kustomize() {
    }

    static List<ObjectNode> build(Path dir) {
        JsonNode kustomization = readAll(dir.resolve("kustomization.yaml")).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(dir + ": kustomization field not supported: " + field);
            }
        });
        if (kustomization.has("configMapGenerator")
                && !kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean()) {
            throw new IllegalArgumentException(dir + ": generated names need generatorOptions.disableNameSuffixHash");
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path) : readAll(path));
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            resources.add(configMap(dir, generator));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            for (ObjectNode document : readAll(dir.resolve(patch.get("path").asText()))) {
                apply(resources, document, patch.path("target"), dir);
            }
        }
        for (ObjectNode resource : resources) {
            for (JsonNode pairs : kustomization.path("labels")) {
                ObjectNode labels = ((ObjectNode) resource.with("metadata")).with("labels");
                pairs.path("pairs").fields().forEachRemaining(pair -> labels.set(pair.getKey(), pair.getValue()));
            }
            if (kustomization.has("namespace")) {
                ((ObjectNode) resource.with("metadata")).put("namespace", kustomization.get("namespace").asText());
            }
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode resource : resources) {
            String id = resource.path("kind").asText() + "/" + resource.path("metadata").path("name").asText();
            if (!ids.add(id)) {
                throw new IllegalArgumentException(dir + ": resource defined twice: " + id);
            }
        }
        return resources;
    }

    static List<ObjectNode> readAll(Path file) {
        try (var parser = YAML.createParser(file.toFile())) {
            List<ObjectNode> documents = new ArrayList<>();
            Iterator<JsonNode> iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add((ObjectNode) document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode configMap(Path dir, JsonNode generator) {
        ObjectNode map = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = map.putObject("metadata").put("name", generator.get("name").asText());
        if (generator.path("options").has("labels")) {
            metadata.set("labels", generator.path("options").get("labels").deepCopy());
        }
        ObjectNode data = map.putObject("data");
        for (JsonNode literal : generator.path("literals")) {
            String[] pair = literal.asText().split("=", 2);
            data.put(pair[0], pair[1]);
        }
        for (JsonNode file : generator.path("files")) {
            String[] pair = file.asText().split("=", 2);
            String path = pair.length == 2 ? pair[1] : pair[0];
            String key = pair.length == 2 ? pair[0] : Path.of(path).getFileName().toString();
            try {
                data.put(key, Files.readString(dir.resolve(path)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return map;
    }

    private static void apply(List<ObjectNode> resources, ObjectNode patch, JsonNode target, Path dir) {
        String kind = target.isMissingNode() ? patch.path("kind").asText() : target.path("kind").asText();
        String name = target.isMissingNode() ? patch.path("metadata").path("name").asText()
                : target.path("name").asText(null);
        int matched = 0;
        for (ObjectNode resource : resources) {
            if (resource.path("kind").asText().equals(kind)
                    && (name == null || resource.path("metadata").path("name").asText().equals(name))) {
                ObjectNode body = patch.deepCopy();
                if (!target.isMissingNode()) {
                    body.remove("metadata");
                }
                merge(resource, body);
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(dir + ": patch matches no resource: " + kind + "/" + name);
        }
    }

    /** Strategic merge: maps merge, {@code null} deletes, lists of named maps merge by name, other lists replace. */
    static void merge(ObjectNode into, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode current = into.get(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                into.remove(field.getKey());
            } else if (current instanceof ObjectNode object && value instanceof ObjectNode change) {
                merge(object, change);
            } else if (current instanceof ArrayNode list && value instanceof ArrayNode change && named(list)
                    && named(change)) {
                for (JsonNode element : change) {
                    ObjectNode same = find(list, element.get(MERGE_KEY).asText());
                    if (same == null) {
                        list.add(element.deepCopy());
                    } else {
                        merge(same, (ObjectNode) element);
                    }
                }
            } else {
                into.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.has(MERGE_KEY)) {
                return false;
            }
        }
        return !list.isEmpty();
    }

    private static ObjectNode find(ArrayNode list, String name) {
        for (JsonNode element : list) {
            if (element.get(MERGE_KEY).asText().equals(name)) {
                return (ObjectNode) element;
            }
        }
        return null;
    }
}
