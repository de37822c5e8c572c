package dev.drydock.concurrent;

import java.time.Duration;

/**
 * Exponential backoff, the one used everywhere drydock waits before trying again: {@code initial} after the first
 * failure, doubled after each further one, never more than {@code max} (a {@code max} below {@code initial} means
 * a constant {@code initial}).
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative()) {
            throw new IllegalArgumentException("a backoff cannot start below zero: " + initial);
        }
        max = max.compareTo(initial) < 0 ? initial : max;
    }

    /** The wait after the {@code failures}-th failure in a row (the first failure waits {@code initial}). */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        if (initial.isZero() || Long.numberOfLeadingZeros(initial.toNanos()) <= doublings + 1) {
            return initial.isZero() ? Duration.ZERO : max;
        }
        Duration wait = Duration.ofNanos(initial.toNanos() << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
