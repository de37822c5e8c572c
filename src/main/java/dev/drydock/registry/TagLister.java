package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists a repository's tags, following {@code Link: <...>; rel="next"} pages, at most {@value #MAX_PAGES} pages
 * and {@value #MAX_TAGS} tags (each page is read up to {@link RegistryRequest#DEFAULT_MAX_BODY}): a registry
 * that keeps sending pages gets an error, not drydock's memory.
 */
final class TagLister {

    /** Tags asked for per page. */
    static final int DEFAULT_PAGE_SIZE = 1000;
    /** Stops a registry that keeps sending "next" links from looping forever. */
    static final int MAX_PAGES = 1_000;
    /** Tags kept from all pages together. */
    static final int MAX_TAGS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;

    TagLister(RegistryTransport transport) {
        this.transport = transport;
    }

    /** All tags in the registry's order; empty for an unknown repository. */
    List<String> list(RegistryEndpoint ep, String repository, int pageSize) {
        List<String> tags = new ArrayList<>();
        Optional<URI> page = Optional.of(ep.uri(repository, "tags/list?n=" + pageSize));
        for (int i = 0; page.isPresent(); i++) {
            if (i >= MAX_PAGES) {
                throw new RegistryResponseException(ep.registry, repository, "GET tags/list", 200, List.of(),
                        "more than " + MAX_PAGES + " pages of tags");
            }
            RegistryRequest request = RegistryRequest.of("GET", page.get(), repository, Scopes.pull(repository))
                    .header("Accept", "application/json");
            RegistryResponse response = transport.send(ep, request);
            if (response.status() == 404) {
                return tags;
            }
            if (response.status() != 200) {
                throw response.unexpected(ep.registry, request);
            }
            try {
                JsonNode root = JSON.readTree(response.body());
                for (JsonNode tag : root.path("tags")) {
                    if (tags.size() == MAX_TAGS) {
                        throw new RegistryResponseException(ep.registry, repository, request.describe(), 200,
                                List.of(), "more than " + MAX_TAGS + " tags");
                    }
                    tags.add(tag.asText());
                }
            } catch (IOException e) {
                throw new RegistryResponseException(ep.registry, repository, request.describe(), 200, List.of(),
                        "tag list is not JSON");
            }
            page = LinkHeader.next(response.headers().allValues("Link"), response.uri());
        }
        return tags;
    }
}
