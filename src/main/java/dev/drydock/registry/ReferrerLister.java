package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digest;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.MediaTypes;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OCI referrers API (distribution-spec 1.1): {@code GET /v2/<name>/referrers/<digest>} answers an image index
 * whose entries are the manifests whose {@code subject} is that digest (signatures, SBOMs, attestations), following
 * {@code Link: <...>; rel="next"} pages, at most {@value #MAX_PAGES} pages and {@value #MAX_REFERRERS} entries.
 *
 * <p>A registry that offers the API never answers it with 404 (the spec forbids it, an unknown digest gets an empty
 * index); a 404 therefore means it has no such API, as Distribution 2.8 — and so do 405 and 501, which some
 * registries send for a route they lack. That is {@link Optional#empty()}: the caller falls back to the tag schema.
 */
final class ReferrerLister {

    static final int MAX_PAGES = 100;
    static final int MAX_REFERRERS = 10_000;
    /** Answers that mean "no referrers API here". */
    static final Set<Integer> NOT_OFFERED = Set.of(404, 405, 501);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;

    ReferrerLister(RegistryTransport transport) {
        this.transport = transport;
    }

    Optional<List<Descriptor>> list(RegistryEndpoint ep, String repository, Digest subject) {
        List<Descriptor> referrers = new ArrayList<>();
        Optional<URI> page = Optional.of(ep.uri(repository, "referrers/" + subject));
        for (int i = 0; page.isPresent(); i++) {
            if (i >= MAX_PAGES) {
                throw new RegistryResponseException(ep.registry, repository, "GET referrers/" + subject, 200,
                        List.of(), "more than " + MAX_PAGES + " pages of referrers");
            }
            RegistryRequest request = RegistryRequest.of("GET", page.get(), repository, Scopes.pull(repository))
                    .header("Accept", MediaTypes.OCI_INDEX);
            RegistryResponse response = transport.send(ep, request);
            if (i == 0 && NOT_OFFERED.contains(response.status())) {
                return Optional.empty();
            }
            if (response.status() != 200) {
                throw response.unexpected(ep.registry, request);
            }
            for (JsonNode entry : manifests(ep, repository, request, response)) {
                if (referrers.size() == MAX_REFERRERS) {
                    throw new RegistryResponseException(ep.registry, repository, request.describe(), 200, List.of(),
                            "more than " + MAX_REFERRERS + " referrers");
                }
                referrers.add(descriptor(ep, repository, request, entry));
            }
            page = LinkHeader.next(response.headers().allValues("Link"), response.uri());
        }
        return Optional.of(referrers);
    }

    private static JsonNode manifests(RegistryEndpoint ep, String repository, RegistryRequest request,
            RegistryResponse response) {
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.path("manifests").isArray()) {
            throw new RegistryResponseException(ep.registry, repository, request.describe(), 200, List.of(),
                    "the referrers answer is not an image index");
        }
        return root.get("manifests");
    }

    private static Descriptor descriptor(RegistryEndpoint ep, String repository, RegistryRequest request,
            JsonNode entry) {
        try {
            return new Descriptor(entry.path("mediaType").asText(null), Digest.parse(entry.path("digest").asText()),
                    entry.path("size").asLong(-1));
        } catch (InvalidReferenceException | IllegalArgumentException e) {
            throw new RegistryResponseException(ep.registry, repository, request.describe(), 200, List.of(),
                    "a referrer without a valid digest");
        }
    }
}
