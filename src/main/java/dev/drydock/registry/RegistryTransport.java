package dev.drydock.registry;

import dev.drydock.net.AddressNotAllowedException;
import dev.drydock.registry.Authenticator.Authorization;
import dev.drydock.registry.http.Http1Client;
import dev.drydock.registry.http.Http1Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * Sends one registry request: circuit check, per-registry concurrency slot, authentication (with one
 * retry after a 401), rate-limit headers, retries with backoff on 429/5xx/network errors, and
 * redirects (credentials only to the registry itself). Every HTTP request it sends is counted on the
 * registry's endpoint.
 */
final class RegistryTransport {

    private static final Logger LOG = Logger.getLogger(RegistryTransport.class);

    /** Statuses that mean "not now": retried per the policy and counted as circuit failures. */
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
    static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
    static final int MAX_REDIRECTS = 5;
    /** Error bodies and discarded bodies are read up to this size. */
    private static final int MAX_DISCARDED_BODY = 64 * 1024;

    private final Http1Client http;
    private final Authenticator authenticator;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final String userAgent;

    RegistryTransport(Http1Client http, Authenticator authenticator, RetryPolicy retryPolicy, Sleeper sleeper,
            Clock clock, DoubleSupplier random, String userAgent) {
        this.http = http;
        this.authenticator = authenticator;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.userAgent = userAgent;
    }

    /**
     * The final answer to {@code request}. 401/403 after re-authentication become
     * {@link RegistryUnauthorizedException}; 429/5xx/network errors that outlast the retry policy become
     * {@link RegistryRateLimitedException} / {@link RegistryUnavailableException}; everything else
     * (200, 404, 400, ...) is returned for the call to interpret.
     */
    RegistryResponse send(RegistryEndpoint ep, RegistryRequest request) {
        int failures = 0;
        int redirects = 0;
        boolean reauthenticated = false;
        URI uri = request.uri();
        while (true) {
            Optional<Instant> blockedUntil = ep.circuit.tryAcquire();
            if (blockedUntil.isPresent()) {
                throw new RegistryCircuitOpenException(ep.registry, request.repository(), blockedUntil.get(),
                        clock.instant());
            }
            boolean verdict = false;
            try {
                Authorization auth = ep.sameOrigin(uri) ? authenticator.authorize(ep, request) : Authorization.NONE;
                RegistryResponse response;
                try {
                    response = exchange(ep, request, uri, auth);
                } catch (AddressNotAllowedException e) {
                    ep.circuit.onSuccess();
                    verdict = true;
                    throw new RegistryException(ep.registry, request.repository(), request.describe()
                            + " on registry " + ep.registry + " was not sent: " + e.getMessage(), e);
                } catch (IOException e) {
                    ep.circuit.onFailure();
                    verdict = true;
                    failures++;
                    Optional<Duration> delay = request.idempotent()
                            ? retryPolicy.delayAfter(failures, Optional.empty(), random.getAsDouble()) : Optional.empty();
                    if (delay.isEmpty()) {
                        throw new RegistryUnavailableException(ep.registry, request.repository(), 0, null,
                                request.describe() + " on registry " + ep.registry + " failed: " + e.getMessage(), e);
                    }
                    LOG.debugf("%s on %s failed (%s); retrying in %s", request.describe(), ep.registry, e.getMessage(),
                            delay.get());
                    sleep(ep, request, delay.get());
                    continue;
                }
                int status = response.status();
                if (status == 401 && !reauthenticated && authenticator.onChallenge(ep, response.headers(), auth)) {
                    ep.circuit.onSuccess();
                    verdict = true;
                    reauthenticated = true;
                    continue;
                }
                if (RETRYABLE_STATUSES.contains(status)) {
                    ep.circuit.onFailure();
                    verdict = true;
                    failures++;
                    Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After").orElse(null),
                            clock.instant());
                    Optional<Duration> delay = status == 429 || request.idempotent()
                            ? retryPolicy.delayAfter(failures, retryAfter, random.getAsDouble()) : Optional.empty();
                    if (delay.isEmpty()) {
                        throw failure(ep, request, response, retryAfter);
                    }
                    LOG.debugf("%s on %s answered %d; retrying in %s", request.describe(), ep.registry, status,
                            delay.get());
                    sleep(ep, request, delay.get());
                    continue;
                }
                ep.circuit.onSuccess();
                verdict = true;
                if (status == 401 || status == 403) {
                    throw authenticator.refused(ep, request, status, auth);
                }
                if (REDIRECT_STATUSES.contains(status) && response.header("Location").isPresent()
                        && (request.method().equals("GET") || request.method().equals("HEAD"))) {
                    if (++redirects > MAX_REDIRECTS) {
                        throw new RegistryResponseException(ep.registry, request.repository(), request.describe(),
                                status, List.of(), "more than " + MAX_REDIRECTS + " redirects");
                    }
                    uri = uri.resolve(response.header("Location").get());
                    continue;
                }
                return response;
            } finally {
                if (!verdict) {
                    ep.circuit.release();
                }
            }
        }
    }

    private RegistryResponse exchange(RegistryEndpoint ep, RegistryRequest request, URI uri, Authorization auth)
            throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size() + 2);
        headers.add(Map.entry("User-Agent", userAgent));
        headers.addAll(request.headers().entrySet());
        auth.header().ifPresent(h -> headers.add(Map.entry("Authorization", h)));

        acquire(ep, request);
        try {
            ep.requests.incrementAndGet();
            try (Http1Response response = http.send(request.method(), uri, headers, request.body(),
                    ep.settings.timeout())) {
                RateLimitStatus.parse(response.headers().firstValue(RateLimitStatus.LIMIT_HEADER).orElse(null),
                        response.headers().firstValue(RateLimitStatus.REMAINING_HEADER).orElse(null), clock.instant())
                        .ifPresent(ep.rateLimit::set);
                boolean success = response.status() / 100 == 2;
                long limit = success ? request.maxBody() : MAX_DISCARDED_BODY;
                byte[] body = readBody(ep, request, response.body(), limit, success);
                return new RegistryResponse(response.status(), response.headers(), uri, body);
            }
        } finally {
            ep.permits.release();
        }
    }

    private void acquire(RegistryEndpoint ep, RegistryRequest request) {
        try {
            if (!ep.permits.tryAcquire(ep.settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RegistryUnavailableException(ep.registry, request.repository(), 0, null,
                        "all " + ep.settings.maxConcurrentRequests() + " request slots for registry " + ep.registry
                                + " stayed busy for " + ep.settings.timeout(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(ep.registry, request.repository(), 0, null,
                    "interrupted while waiting for a request slot on registry " + ep.registry, e);
        }
    }

    // A successful body over the limit is an error; an error body is cut at the limit.
    private static byte[] readBody(RegistryEndpoint ep, RegistryRequest request, InputStream in, long limit,
            boolean strict) throws IOException {
        try (in) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                if (strict) {
                    throw new RegistryResponseException(ep.registry, request.repository(), request.describe(), 200,
                            List.of(), "answer is larger than " + limit + " bytes");
                }
                return Arrays.copyOf(body, (int) limit);
            }
            return body;
        }
    }

    private RegistryException failure(RegistryEndpoint ep, RegistryRequest request, RegistryResponse response,
            Optional<Duration> retryAfter) {
        if (response.status() == 429) {
            return new RegistryRateLimitedException(ep.registry, request.repository(), retryAfter.orElse(null),
                    ep.rateLimit.get());
        }
        return new RegistryUnavailableException(ep.registry, request.repository(), response.status(),
                retryAfter.orElse(null), request.describe() + " on registry " + ep.registry + " answered "
                        + response.status() + Optional.ofNullable(response.errorMessage()).map(m -> ": " + m).orElse(""),
                null);
    }

    private void sleep(RegistryEndpoint ep, RegistryRequest request, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(ep.registry, request.repository(), 0, null,
                    "interrupted while waiting to retry " + request.describe() + " on registry " + ep.registry, e);
        }
    }
}
