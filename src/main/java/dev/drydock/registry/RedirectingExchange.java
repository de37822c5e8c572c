package dev.drydock.registry;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Follows redirects of GET and HEAD (blob downloads often go to object storage), at most
 * {@value #MAX_REDIRECTS} in a row. Each hop goes down through the auth layer on its own, which adds
 * credentials only for the registry's origin, so nothing here decides who sees them. A redirect to
 * something other than http(s), or from https down to plain http, is not followed.
 */
final class RedirectingExchange implements RegistryExchange {

    static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
    static final int MAX_REDIRECTS = 5;

    private final RegistryExchange next;

    RedirectingExchange(RegistryExchange next) {
        this.next = next;
    }

    @Override
    public RegistryResponse send(RegistryEndpoint ep, RegistryRequest request) throws IOException {
        RegistryRequest hop = request;
        for (int redirects = 0; ; redirects++) {
            RegistryResponse response = next.send(ep, hop);
            if (!followable(hop, response)) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new RegistryResponseException(ep.registry, request.repository(), request.describe(),
                        response.status(), List.of(), "more than " + MAX_REDIRECTS + " redirects");
            }
            hop = hop.withUri(target(ep, request, hop.uri(), response));
        }
    }

    private static boolean followable(RegistryRequest hop, RegistryResponse response) {
        return REDIRECT_STATUSES.contains(response.status()) && response.header("Location").isPresent()
                && (hop.method().equals("GET") || hop.method().equals("HEAD"));
    }

    private static URI target(RegistryEndpoint ep, RegistryRequest request, URI from, RegistryResponse response) {
        URI to;
        try {
            to = from.resolve(response.header("Location").get().trim());
        } catch (IllegalArgumentException e) {
            throw refused(ep, request, response, "redirect to an unreadable Location");
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || to.getHost() == null) {
            throw refused(ep, request, response, "redirect to something other than an http(s) URL");
        }
        if (scheme.equals("http") && from.getScheme().equalsIgnoreCase("https")) {
            throw refused(ep, request, response, "redirect from https to plain http");
        }
        return to;
    }

    private static RegistryResponseException refused(RegistryEndpoint ep, RegistryRequest request,
            RegistryResponse response, String why) {
        return new RegistryResponseException(ep.registry, request.repository(), request.describe(), response.status(),
                List.of(), why + " not followed");
    }
}
