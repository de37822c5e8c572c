package dev.drydock.front;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a client address, a token name), at most {@code maxBuckets} of them: the least recently
 * used key is forgotten first, which only gives it a full bucket again.
 */
final class Throttle {

    private final double rate;
    private final int burst;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets;

    Throttle(FrontConfig.Throttle config, int maxBuckets, LongSupplier clock) {
        this.rate = config.rate();
        this.burst = config.burst();
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > maxBuckets;
            }
        };
    }

    /** 0 when the key may make a request now, else the seconds to wait (Retry-After). */
    long take(String key) {
        if (rate <= 0) {
            return 0;
        }
        long now = clock.getAsLong();
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> new TokenBucket(rate, burst, now)).take(now);
        }
    }

    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
