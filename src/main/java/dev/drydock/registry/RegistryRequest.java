package dev.drydock.registry;

import dev.drydock.registry.http.RequestBody;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registry API request as the transport sends it, with what it needs for auth and retries.
 *
 * @param body what is sent after the head, or null
 * @param sink where a successful answer's body goes instead of memory; null to read it (up to {@code maxBody})
 * @param slots request slots the caller already holds for this request (a streamed copy's), or null to take one
 */
record RegistryRequest(String method, URI uri, String repository, List<String> scopes, Map<String, String> headers,
        RequestBody body, boolean idempotent, long maxBody, BodySink sink, CopySlots slots) {

    /** Bodies of ordinary answers (manifests, tag lists, errors) are read up to this size. */
    static final long DEFAULT_MAX_BODY = 4L * 1024 * 1024;

    static RegistryRequest of(String method, URI uri, String repository, List<String> scopes) {
        boolean idempotent = method.equals("GET") || method.equals("HEAD") || method.equals("DELETE");
        return new RegistryRequest(method, uri, repository, scopes, Map.of(), null, idempotent, DEFAULT_MAX_BODY, null,
                null);
    }

    RegistryRequest header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new RegistryRequest(method, uri, repository, scopes, Map.copyOf(h), body, idempotent, maxBody, sink, slots);
    }

    RegistryRequest withoutHeader(String name) {
        if (headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
            return this;
        }
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.keySet().removeIf(name::equalsIgnoreCase);
        return new RegistryRequest(method, uri, repository, scopes, Map.copyOf(h), body, idempotent, maxBody, sink, slots);
    }

    /** The same request to another address (a redirect's target). */
    RegistryRequest withUri(URI target) {
        return new RegistryRequest(method, target, repository, scopes, headers, body, idempotent, maxBody, sink, slots);
    }

    RegistryRequest body(byte[] content, String contentType) {
        return body(RequestBody.of(content), contentType);
    }

    RegistryRequest body(RequestBody content, String contentType) {
        return new RegistryRequest(method, uri, repository, scopes, headers, content, idempotent, maxBody, sink, slots)
                .header("Content-Type", contentType);
    }

    /** Whether the request can be sent again as it is: its body, if any, can be written twice. */
    boolean replayable() {
        return body == null || body.replayable();
    }

    /** Sent in slots the caller holds ({@link CopySlots}), so it takes none of its own. */
    RegistryRequest in(CopySlots held) {
        return new RegistryRequest(method, uri, repository, scopes, headers, body, idempotent, maxBody, sink, held);
    }

    /** Safe to send again after a 5xx or a network error (a 429 is always retried: nothing was done). */
    RegistryRequest idempotent(boolean value) {
        return new RegistryRequest(method, uri, repository, scopes, headers, body, value, maxBody, sink, slots);
    }

    RegistryRequest maxBody(long bytes) {
        return new RegistryRequest(method, uri, repository, scopes, headers, body, idempotent, bytes, sink, slots);
    }

    /** A successful answer's body streams into {@code target}, not into memory. */
    RegistryRequest streamTo(BodySink target) {
        return new RegistryRequest(method, uri, repository, scopes, headers, body, idempotent, maxBody, target, slots);
    }

    /** "GET /v2/app/manifests/1", for messages. */
    String describe() {
        return method + " " + uri.getRawPath();
    }
}
