package dev.drydock.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strict JSON Schemas of the Kubernetes kinds and CRDs k8s/ uses (src/test/resources/k8s-schemas, written by
 * tools/k8s-schemas/vendor.py from the Kubernetes OpenAPI document and the operators' CRDs).
 */
final class ManifestSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private ManifestSchemas() {
    }

    /** What is wrong with a manifest, as "kind/name: $.path: message" lines; empty when it is valid. */
    static List<String> problems(JsonNode manifest) {
        String id = manifest.path("kind").asText() + "/" + manifest.path("metadata").path("name").asText();
        JsonSchema schema = CACHE.computeIfAbsent(file(manifest), ManifestSchemas::load);
        if (schema == null) {
            return List.of(id + ": no schema for " + manifest.path("apiVersion").asText() + " "
                    + manifest.path("kind").asText());
        }
        return schema.validate(manifest).stream().map(ValidationMessage::getMessage).map(m -> id + ": " + m)
                .sorted().toList();
    }

    private static String file(JsonNode manifest) {
        String apiVersion = manifest.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash).replace('.', '_');
        String version = apiVersion.substring(slash + 1);
        return manifest.path("kind").asText().toLowerCase() + "-" + group + "-" + version + ".json";
    }

    private static JsonSchema load(String file) {
        try (InputStream in = ManifestSchemas.class.getResourceAsStream("/k8s-schemas/" + file)) {
            return in == null ? null : FACTORY.getSchema(Kustomize.YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
