package dev.drydock.registry;

import dev.drydock.logging.LogText;
import dev.drydock.net.AddressNotAllowedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * The top layer: the registry's circuit, and retries with backoff of 429, 5xx and network errors per the
 * {@link RetryPolicy} (a non-idempotent request is retried only after a 429, when nothing was done; a request whose
 * streamed body was already written is never sent again). Answers
 * that outlast the policy become {@link RegistryRateLimitedException} / {@link RegistryUnavailableException};
 * every other answer is returned for the call to interpret.
 */
final class RetryingExchange implements RegistryExchange {

    private static final Logger LOG = Logger.getLogger(RetryingExchange.class);

    /** Statuses that mean "not now": retried per the policy and counted as circuit failures. */
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);

    private final RegistryExchange next;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;

    RetryingExchange(RegistryExchange next, RetryPolicy retryPolicy, Sleeper sleeper, Clock clock,
            DoubleSupplier random) {
        this.next = next;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public RegistryResponse send(RegistryEndpoint ep, RegistryRequest request) {
        for (int failures = 0; ; ) {
            Optional<Instant> blockedUntil = ep.circuit.tryAcquire();
            if (blockedUntil.isPresent()) {
                throw new RegistryCircuitOpenException(ep.registry, request.repository(), blockedUntil.get(),
                        clock.instant());
            }
            boolean verdict = false;
            try {
                RegistryResponse response;
                try {
                    response = next.send(ep, request);
                } catch (AddressNotAllowedException e) {
                    throw new RegistryException(ep.registry, request.repository(), request.describe()
                            + " on registry " + ep.registry + " was not sent: " + e.getMessage(), e);
                } catch (IOException e) {
                    ep.circuit.onFailure();
                    verdict = true;
                    failures++;
                    Optional<Duration> delay = request.idempotent() && request.replayable()
                            ? retryPolicy.delayAfter(failures, Optional.empty(), random.getAsDouble()) : Optional.empty();
                    if (delay.isEmpty()) {
                        throw new RegistryUnavailableException(ep.registry, request.repository(), 0, null,
                                request.describe() + " on registry " + ep.registry + " failed: " + e.getMessage(), e);
                    }
                    LOG.debugf("%s on %s failed (%s); retrying in %s", LogText.escape(request.describe()),
                            LogText.escape(String.valueOf(ep.registry)), LogText.escape(e.getMessage()),
                            delay.get());
                    sleep(ep, request, delay.get());
                    continue;
                } catch (RegistryUnauthorizedException e) {
                    ep.circuit.onSuccess(); // it answered
                    verdict = true;
                    throw e;
                }
                int status = response.status();
                if (RETRYABLE_STATUSES.contains(status)) {
                    ep.circuit.onFailure();
                    verdict = true;
                    failures++;
                    Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After").orElse(null),
                            clock.instant());
                    Optional<Duration> delay = (status == 429 || request.idempotent()) && request.replayable()
                            ? retryPolicy.delayAfter(failures, retryAfter, random.getAsDouble()) : Optional.empty();
                    if (delay.isEmpty()) {
                        throw failure(ep, request, response, retryAfter);
                    }
                    LOG.debugf("%s on %s answered %d; retrying in %s", LogText.escape(request.describe()),
                            LogText.escape(String.valueOf(ep.registry)), status,
                            delay.get());
                    sleep(ep, request, delay.get());
                    continue;
                }
                ep.circuit.onSuccess();
                verdict = true;
                return response;
            } finally {
                if (!verdict) {
                    ep.circuit.release();
                }
            }
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
