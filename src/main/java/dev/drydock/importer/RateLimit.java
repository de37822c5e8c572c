package dev.drydock.importer;

import dev.drydock.registry.RateLimitStatus;
import java.time.Instant;

/** The source registry's quota as its last answer reported it (Docker Hub's {@code ratelimit-*} headers). */
public record RateLimit(long limit, long remaining, Long windowSeconds, Instant observedAt) {

    static RateLimit of(RateLimitStatus r) {
        return new RateLimit(r.limit(), r.remaining(), r.window().map(w -> w.toSeconds()).orElse(null), r.observedAt());
    }
}
