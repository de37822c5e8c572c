package dev.drydock.registry;

import dev.drydock.concurrent.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to retry a call that met a 429, a 5xx or a network error, and how long to wait.
 *
 * <p>Waits grow exponentially from {@code initialBackoff} up to {@code maxBackoff}, never shorter than
 * the registry's {@code Retry-After}, plus up to {@code jitter} (a fraction) on top so that many
 * pollers do not retry in step. A wait longer than {@code maxWait} is not waited: the call fails with
 * {@link RegistryRateLimitedException} / {@link RegistryUnavailableException} at once, carrying the
 * {@code Retry-After}, so a poller can report and move on. {@link #noWait()} never waits.
 *
 * <p>Only 429 is retried for requests that are not idempotent (blob upload steps); 5xx and network
 * errors are retried for GET, HEAD and manifest PUT.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxWait,
        double jitter) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    public static final double DEFAULT_JITTER = 0.2;

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
    }

    /** Up to {@value #DEFAULT_MAX_ATTEMPTS} attempts, 0.5 s doubling to 30 s, waits of at most 60 s, 20% jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_WAIT,
                DEFAULT_JITTER);
    }

    /** One attempt: report rate limits and outages at once instead of waiting inline. */
    public static RetryPolicy noWait() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxWait, jitter);
    }

    public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxWait, jitter);
    }

    public RetryPolicy withMaxWait(Duration maxWait) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxWait, jitter);
    }

    /**
     * How long to wait before attempt {@code failedAttempts + 1}, or empty when the call should fail now
     * (attempts used up, or the wait would exceed {@code maxWait}).
     *
     * @param random a number in [0, 1) that picks the jitter
     */
    public Optional<Duration> delayAfter(int failedAttempts, Optional<Duration> retryAfter, double random) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxWait) > 0) {
            return Optional.empty();
        }
        Duration backoff = new Backoff(initialBackoff, maxBackoff).after(failedAttempts);
        Duration base = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
        Duration withJitter = base.plusNanos((long) (base.toNanos() * jitter * random));
        Duration floor = retryAfter.orElse(Duration.ZERO);
        Duration delay = withJitter.compareTo(maxWait) > 0 ? maxWait : withJitter;
        return Optional.of(delay.compareTo(floor) < 0 ? floor : delay);
    }
}
