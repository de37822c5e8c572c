package dev.drydock.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A registry's pull quota as last reported in {@code ratelimit-limit} / {@code ratelimit-remaining}
 * (Docker Hub: {@code 100;w=21600} = 100 pulls per 21600 s window). Only GETs of manifests count as
 * pulls on Docker Hub; a HEAD reports the quota without spending it.
 */
public record RateLimitStatus(long limit, long remaining, Optional<Duration> window, Instant observedAt) {

    public static final String LIMIT_HEADER = "ratelimit-limit";
    public static final String REMAINING_HEADER = "ratelimit-remaining";

    /**
     * Reads the two headers; empty unless both are present and numeric. A list ({@code 100, 100;w=21600})
     * is read by its first item, the quota in force.
     */
    public static Optional<RateLimitStatus> parse(String limitHeader, String remainingHeader, Instant now) {
        if (limitHeader == null || remainingHeader == null) {
            return Optional.empty();
        }
        Quota limit = Quota.parse(limitHeader);
        Quota remaining = Quota.parse(remainingHeader);
        if (limit == null || remaining == null) {
            return Optional.empty();
        }
        Optional<Duration> window = limit.window().or(remaining::window);
        return Optional.of(new RateLimitStatus(limit.value(), remaining.value(), window, now));
    }

    public boolean exhausted() {
        return remaining <= 0;
    }

    @Override
    public String toString() {
        return remaining + " of " + limit + " left" + window.map(w -> " per " + w.toSeconds() + "s").orElse("");
    }

    private record Quota(long value, Optional<Duration> window) {
        static Quota parse(String header) {
            String first = header.split(",", 2)[0].trim();
            String[] parts = first.split(";");
            try {
                long value = Long.parseLong(parts[0].trim());
                Optional<Duration> window = Optional.empty();
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.startsWith("w=")) {
                        window = Optional.of(Duration.ofSeconds(Long.parseLong(p.substring(2).trim())));
                    }
                }
                return value < 0 ? null : new Quota(value, window);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
