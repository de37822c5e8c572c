package dev.drydock.registry;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One registry API request as the transport sends it, with what it needs for auth and retries. */
record RegistryRequest(String method, URI uri, String repository, List<String> scopes, Map<String, String> headers,
        byte[] body, boolean idempotent, long maxBody) {

    /** Bodies of ordinary answers (manifests, tag lists, errors) are read up to this size. */
    static final long DEFAULT_MAX_BODY = 4L * 1024 * 1024;

    static RegistryRequest of(String method, URI uri, String repository, List<String> scopes) {
        boolean idempotent = method.equals("GET") || method.equals("HEAD") || method.equals("DELETE");
        return new RegistryRequest(method, uri, repository, scopes, Map.of(), null, idempotent, DEFAULT_MAX_BODY);
    }

    RegistryRequest header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new RegistryRequest(method, uri, repository, scopes, Map.copyOf(h), body, idempotent, maxBody);
    }

    RegistryRequest body(byte[] content, String contentType) {
        return new RegistryRequest(method, uri, repository, scopes, headers, content, idempotent, maxBody)
                .header("Content-Type", contentType);
    }

    /** Safe to send again after a 5xx or a network error (a 429 is always retried: nothing was done). */
    RegistryRequest idempotent(boolean value) {
        return new RegistryRequest(method, uri, repository, scopes, headers, body, value, maxBody);
    }

    RegistryRequest maxBody(long bytes) {
        return new RegistryRequest(method, uri, repository, scopes, headers, body, idempotent, bytes);
    }

    /** "GET /v2/app/manifests/1", for messages. */
    String describe() {
        return method + " " + uri.getRawPath();
    }
}
