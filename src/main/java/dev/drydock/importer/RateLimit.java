package dev.drydock.importer;

import java.time.Instant;

/** The source registry's quota as its last answer reported it (Docker Hub's {@code ratelimit-*} headers). */
public record RateLimit(long limit, long remaining, Long windowSeconds, Instant observedAt) {}
