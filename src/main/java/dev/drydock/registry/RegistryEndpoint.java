package dev.drydock.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the client keeps per registry: settings, the concurrency limit, the circuit, the request
 * counter, the latest rate-limit report and what the registry was learned to want for authentication.
 * One registry's state never blocks another's.
 */
final class RegistryEndpoint {

    /** What a registry asked for in its last {@code WWW-Authenticate} challenge. */
    sealed interface AuthScheme permits Unknown, Basic, Bearer {}

    /** No 401 seen yet: requests go out without credentials. */
    record Unknown() implements AuthScheme {}

    record Basic() implements AuthScheme {}

    record Bearer(URI realm, String service) implements AuthScheme {}

    final String registry;
    final RegistrySettings settings;
    final URI base;
    final Semaphore permits;
    final CircuitBreaker circuit;
    final AtomicLong requests = new AtomicLong();
    final AtomicReference<RateLimitStatus> rateLimit = new AtomicReference<>();
    final AtomicReference<AuthScheme> auth = new AtomicReference<>(new Unknown());

    RegistryEndpoint(String registry, String apiHost, RegistrySettings settings, int failureThreshold,
            Duration coolDown, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.base = URI.create(settings.scheme() + "://" + apiHost);
        this.permits = new Semaphore(settings.maxConcurrentRequests(), true);
        this.circuit = new CircuitBreaker(failureThreshold, coolDown, clock);
    }

    /** {@code /v2/<repository>/<rest>} on this registry; repository paths are sent unencoded, as in the spec. */
    URI uri(String repository, String rest) {
        return base.resolve("/v2/" + repository + "/" + rest);
    }

    boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    Optional<RateLimitStatus> rateLimit() {
        return Optional.ofNullable(rateLimit.get());
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}
