package dev.drydock.rebuild.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code Env} of an image config ({@code NAME=value} entries) as a map, in order; entries without a name are skipped. */
final class ImageEnvironment {

    private ImageEnvironment() {
    }

    static Map<String, String> of(JsonNode config) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode entry : config.path("Env")) {
            String text = entry.asText();
            int equals = text.indexOf('=');
            if (equals > 0) {
                environment.put(text.substring(0, equals), text.substring(equals + 1));
            }
        }
        return environment;
    }
}
