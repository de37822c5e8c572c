package dev.drydock.registry;

import dev.drydock.registry.Authenticator.Authorization;
import java.io.IOException;

/**
 * The auth layer, bound to the registry's own origin (scheme, host and port): only requests to that origin
 * carry the registry's credentials or tokens, and only that origin's 401 challenges teach the registry's auth
 * scheme and realm. A request to any other origin — a redirect to blob storage, a next-page link elsewhere —
 * goes out without an Authorization header, and whatever it answers is passed up unread.
 *
 * <p>For the registry itself: the header the last challenge asked for, one fresh attempt after a 401 (when the body,
 * if any, can be sent twice; a streamed one cannot), and a
 * {@link RegistryUnauthorizedException} for a 401 or 403 that outlasts it.
 */
final class AuthenticatingExchange implements RegistryExchange {

    private final Authenticator authenticator;
    private final RegistryExchange next;

    AuthenticatingExchange(Authenticator authenticator, RegistryExchange next) {
        this.authenticator = authenticator;
        this.next = next;
    }

    @Override
    public RegistryResponse send(RegistryEndpoint ep, RegistryRequest request) throws IOException {
        if (!ep.sameOrigin(request.uri())) {
            return next.send(ep, request.withoutHeader(Authenticator.HEADER));
        }
        Authorization auth = authenticator.authorize(ep, request);
        RegistryResponse response = next.send(ep, auth.applyTo(request));
        // the challenge is learned either way; the request goes again only if its body can be written twice
        if (response.status() == 401 && authenticator.onChallenge(ep, response.headers(), auth)
                && request.replayable()) {
            auth = authenticator.authorize(ep, request);
            response = next.send(ep, auth.applyTo(request));
        }
        if (response.status() == 401 || response.status() == 403) {
            throw authenticator.refused(ep, request, response.status(), auth);
        }
        return response;
    }
}
