package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists a registry's repositories ({@code GET /v2/_catalog}), following {@code Link} pages, at most
 * {@value #MAX_PAGES} pages and {@value #MAX_REPOSITORIES} names; a registry without a catalog (404) lists none.
 */
final class CatalogLister {

    static final int PAGE_SIZE = 1000;
    static final int MAX_PAGES = 1_000;
    static final int MAX_REPOSITORIES = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;

    CatalogLister(RegistryTransport transport) {
        this.transport = transport;
    }

    List<String> list(RegistryEndpoint ep) {
        List<String> names = new ArrayList<>();
        Optional<URI> page = Optional.of(ep.base.resolve("/v2/_catalog?n=" + PAGE_SIZE));
        for (int i = 0; page.isPresent(); i++) {
            if (i >= MAX_PAGES || names.size() > MAX_REPOSITORIES) {
                throw new RegistryResponseException(ep.registry, "", "GET _catalog", 200, List.of(),
                        "more than " + MAX_PAGES + " pages or " + MAX_REPOSITORIES + " repositories");
            }
            RegistryRequest request = RegistryRequest.of("GET", page.get(), "", List.of("registry:catalog:*"))
                    .header("Accept", "application/json");
            RegistryResponse response = transport.send(ep, request);
            if (response.status() == 404) {
                return names;
            }
            if (response.status() != 200) {
                throw response.unexpected(ep.registry, request);
            }
            try {
                for (JsonNode name : JSON.readTree(response.body()).path("repositories")) {
                    names.add(name.asText());
                }
            } catch (IOException e) {
                throw new RegistryResponseException(ep.registry, "", request.describe(), 200, List.of(),
                        "catalog is not JSON");
            }
            page = LinkHeader.next(response.headers().allValues("Link"), response.uri());
        }
        return names;
    }
}
