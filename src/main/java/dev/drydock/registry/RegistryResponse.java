package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A registry's answer with its body read (up to the request's limit). */
record RegistryResponse(int status, HttpHeaders headers, URI uri, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** {@code Content-Type} without parameters, lower-case. */
    Optional<String> mediaType() {
        return header("Content-Type").map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty());
    }

    long contentLength() {
        return headers.firstValueAsLong("Content-Length").orElse(-1);
    }

    /** Error codes of a distribution error body ({@code {"errors":[{"code":"MANIFEST_UNKNOWN",...}]}}). */
    List<String> errorCodes() {
        List<String> codes = new ArrayList<>();
        for (JsonNode e : errors()) {
            if (e.hasNonNull("code")) {
                codes.add(e.get("code").asText());
            }
        }
        return codes;
    }

    /** The first error message of a distribution error body, or null. */
    String errorMessage() {
        for (JsonNode e : errors()) {
            if (e.hasNonNull("message")) {
                return e.get("message").asText();
            }
        }
        return null;
    }

    private JsonNode errors() {
        if (body == null || body.length == 0) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.path("errors").isArray() ? root.get("errors") : JSON.createArrayNode();
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    RegistryResponseException unexpected(String registry, RegistryRequest request) {
        return new RegistryResponseException(registry, request.repository(), request.describe(), status, errorCodes(),
                errorMessage());
    }
}
