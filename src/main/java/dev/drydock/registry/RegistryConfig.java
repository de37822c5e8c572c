package dev.drydock.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code drydock.registry.*}: how drydock talks to registries. Hosts are keyed as in image references
 * and quoted when they contain dots or a port, e.g.
 * {@code drydock.registry.hosts."registry.local:5000".insecure=true}.
 */
@ConfigMapping(prefix = "drydock.registry")
public interface RegistryConfig {

    /** Settings for every registry not listed under {@code hosts}. */
    Defaults defaults();

    /** Per-registry overrides of {@code defaults}, keyed by registry host[:port] ({@code docker.io}, {@code ghcr.io}). */
    Map<String, Host> hosts();

    /**
     * Registries reached over plain HTTP, comma-separated: a shorthand for {@code hosts."<host>".insecure=true}
     * (a {@code hosts} entry that sets {@code insecure} wins).
     */
    Optional<List<String>> insecureHosts();

    /** Retries of 429, 5xx and network errors. */
    Retry retry();

    /** The per-registry circuit breaker. */
    Circuit circuit();

    interface Defaults {
        /** Use plain HTTP instead of HTTPS. */
        @WithDefault("false")
        boolean insecure();

        /** Requests in flight to one registry at once, at most. */
        @WithDefault("8")
        int maxConcurrentRequests();

        /** Timeout of one request, and of waiting for a free request slot. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Host {
        /** Use plain HTTP for this registry; defaults to {@code defaults.insecure}. */
        Optional<Boolean> insecure();

        /** Requests in flight to this registry at once; defaults to {@code defaults.max-concurrent-requests}. */
        OptionalInt maxConcurrentRequests();

        /** Request timeout for this registry; defaults to {@code defaults.timeout}. */
        Optional<Duration> timeout();
    }

    interface Retry {
        /** Attempts per request, including the first; 1 reports rate limits at once. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the first retry; doubles per retry. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest wait between retries, before jitter. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** A Retry-After longer than this is not waited for inline: the call fails as rate limited. */
        @WithDefault("60s")
        Duration maxWait();
    }

    interface Circuit {
        /** Failures in a row (5xx, 429, network errors) that open a registry's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /**
         * How long an open circuit fails calls fast before letting a trial request through. Short, so a registry
         * that comes back is used again within seconds; retries and backoff keep the load on a failing one low.
         */
        @WithDefault("5s")
        Duration coolDown();
    }
}
