package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.MediaTypes;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * HEAD, GET and PUT of manifests and indexes. Every read sends all four manifest media types in
 * {@code Accept}: without the OCI types Distribution answers 404 for OCI content, without Docker v2
 * it may convert to schema 1 (another digest).
 */
final class ManifestCalls {

    static final String ACCEPT = String.join(", ", MediaTypes.ALL_MANIFESTS);
    static final String DIGEST_HEADER = "Docker-Content-Digest";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;

    ManifestCalls(RegistryTransport transport) {
        this.transport = transport;
    }

    /**
     * The descriptor by HEAD: one request with a known auth scheme and cached token; Docker Hub does
     * not count it as a pull. Falls back to a GET only when the registry sends no digest header.
     */
    Optional<Descriptor> head(RegistryEndpoint ep, ImageReference ref) {
        RegistryRequest request = request(ep, ref, "HEAD");
        RegistryResponse response = transport.send(ep, request);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw response.unexpected(ep.registry, request);
        }
        Optional<String> header = response.header(DIGEST_HEADER);
        if (header.isEmpty()) {
            if (ref.digest().isPresent()) {
                return Optional.of(new Descriptor(response.mediaType().orElse(null), ref.digest().get(),
                        response.contentLength()));
            }
            return get(ep, ref).map(Manifest::descriptor);
        }
        Digest digest = parseDigest(ep, request, header.get());
        if (ref.digest().isPresent() && !ref.digest().get().equals(digest)) {
            throw new DigestMismatchException(ep.registry, ref.repository(), "manifest " + ref, ref.digest().get(),
                    digest);
        }
        return Optional.of(new Descriptor(response.mediaType().orElse(null), digest, response.contentLength()));
    }

    /**
     * The manifest bytes, verified: they must hash to {@code Docker-Content-Digest} (when sent) and to the
     * reference's digest (when pinned), else {@link DigestMismatchException}.
     */
    Optional<Manifest> get(RegistryEndpoint ep, ImageReference ref) {
        RegistryRequest request = request(ep, ref, "GET");
        RegistryResponse response = transport.send(ep, request);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw response.unexpected(ep.registry, request);
        }
        byte[] body = response.body();
        String what = "manifest " + ref;
        Optional<Digest> announced = response.header(DIGEST_HEADER).map(h -> parseDigest(ep, request, h));
        announced.ifPresent(d -> Digests.verify(ep.registry, ref.repository(), what, d, body));
        ref.digest().ifPresent(d -> Digests.verify(ep.registry, ref.repository(), what, d, body));
        Digest digest = announced.or(ref::digest).orElseGet(() -> Digest.sha256Of(body));
        String mediaType = response.mediaType().filter(t -> !t.equals("application/json")).orElseGet(() -> mediaTypeField(body));
        return Optional.of(new Manifest(mediaType, digest, body));
    }

    /** Uploads a manifest under {@code ref}'s tag (or digest); returns its digest. */
    Digest put(RegistryEndpoint ep, ImageReference ref, byte[] content, String mediaType) {
        RegistryRequest request = RegistryRequest.of("PUT", ep.uri(ref.repository(), "manifests/" + ref.manifestReference()),
                ref.repository(), Scopes.push(ref.repository())).body(content, mediaType).idempotent(true);
        RegistryResponse response = transport.send(ep, request);
        if (response.status() != 201 && response.status() != 200) {
            throw response.unexpected(ep.registry, request);
        }
        Digest digest = Digest.sha256Of(content);
        Optional<Digest> announced = response.header(DIGEST_HEADER).map(h -> parseDigest(ep, request, h));
        if (announced.isPresent() && !announced.get().equals(Digests.of(announced.get().algorithm(), content))) {
            throw new DigestMismatchException(ep.registry, ref.repository(), "pushed manifest " + ref, digest,
                    announced.get());
        }
        return digest;
    }

    private static RegistryRequest request(RegistryEndpoint ep, ImageReference ref, String method) {
        return RegistryRequest.of(method, ep.uri(ref.repository(), "manifests/" + ref.manifestReference()),
                ref.repository(), Scopes.pull(ref.repository())).header("Accept", ACCEPT);
    }

    static Digest parseDigest(RegistryEndpoint ep, RegistryRequest request, String header) {
        try {
            return Digest.parse(header.trim());
        } catch (InvalidReferenceException e) {
            throw new RegistryResponseException(ep.registry, request.repository(), request.describe(), 200,
                    List.of(), "unreadable " + DIGEST_HEADER + " header: " + e.reason());
        }
    }

    private static String mediaTypeField(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.hasNonNull("mediaType") ? root.get("mediaType").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
