package dev.drydock.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How drydock talks to one registry.
 *
 * @param insecure plain HTTP instead of HTTPS (HTTPS is the default; list a registry as insecure to use http)
 * @param maxConcurrentRequests requests in flight to this registry at once, at most
 * @param timeout per request, and for waiting for a free slot
 */
public record RegistrySettings(boolean insecure, int maxConcurrentRequests, Duration timeout) {

    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public RegistrySettings {
        Objects.requireNonNull(timeout, "timeout");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** HTTPS, {@value #DEFAULT_MAX_CONCURRENT_REQUESTS} concurrent requests, 30 s timeout. */
    public static RegistrySettings defaults() {
        return new RegistrySettings(false, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_TIMEOUT);
    }

    public RegistrySettings withInsecure(boolean insecure) {
        return new RegistrySettings(insecure, maxConcurrentRequests, timeout);
    }

    public RegistrySettings withMaxConcurrentRequests(int maxConcurrentRequests) {
        return new RegistrySettings(insecure, maxConcurrentRequests, timeout);
    }

    public RegistrySettings withTimeout(Duration timeout) {
        return new RegistrySettings(insecure, maxConcurrentRequests, timeout);
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return insecure ? "http" : "https";
    }
}
