package dev.drydock.front;

/** A token bucket: {@code burst} requests at once, refilled at {@code rate} per second. Not thread-safe. */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double rate, int burst, long nowNanos) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.updatedNanos = nowNanos;
    }

    /** Takes one token; 0 when it was there, else the seconds until one will be (at least 1, for Retry-After). */
    long take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * rate / 1e9);
            updatedNanos = nowNanos;
        }
    }
}
