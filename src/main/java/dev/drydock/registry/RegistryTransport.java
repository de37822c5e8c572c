package dev.drydock.registry;

import dev.drydock.registry.http.Http1Client;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * Sends one registry request through a stack of layers, each with one job:
 *
 * <pre>
 *   {@link RetryingExchange}        circuit, retries of 429/5xx/network errors with backoff
 *   {@link RedirectingExchange}     GET/HEAD redirects, each hop sent down on its own
 *   {@link AuthenticatingExchange}  credentials and challenges, bound to the registry's origin
 *   {@link WireExchange}            concurrency slot, request count, rate-limit headers, body limit
 * </pre>
 *
 * Because auth sits below the redirects, a hop to another origin (blob storage) never carries the
 * registry's Authorization header, and its 401 never re-points the registry's token realm.
 */
final class RegistryTransport {

    private final RetryingExchange stack;

    RegistryTransport(Http1Client http, Authenticator authenticator, RetryPolicy retryPolicy, Sleeper sleeper,
            Clock clock, DoubleSupplier random, String userAgent) {
        RegistryExchange wire = new WireExchange(http, clock, userAgent);
        RegistryExchange auth = new AuthenticatingExchange(authenticator, wire);
        this.stack = new RetryingExchange(new RedirectingExchange(auth), retryPolicy, sleeper, clock, random);
    }

    /**
     * The final answer to {@code request}. 401/403 from the registry after re-authentication become
     * {@link RegistryUnauthorizedException}; 429/5xx/network errors that outlast the retry policy become
     * {@link RegistryRateLimitedException} / {@link RegistryUnavailableException}; everything else
     * (200, 404, 400, ...) is returned for the call to interpret.
     */
    RegistryResponse send(RegistryEndpoint ep, RegistryRequest request) {
        return stack.send(ep, request);
    }
}
