package dev.drydock.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** When a base is checked next: its interval with jitter, or later when the registry asked us to wait. */
final class NextCheck {

    private NextCheck() {}

    static Instant after(Instant now, int intervalSeconds, double jitter) {
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return now.plusMillis(Math.round(intervalSeconds * 1000 * factor));
    }

    /** The first check of a new base lands anywhere within its first interval, spreading bulk registrations. */
    static Instant first(Instant now, int intervalSeconds) {
        return now.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, intervalSeconds * 1000L)));
    }

    static Instant afterFailure(Instant now, CheckOutcome outcome, int intervalSeconds, double jitter) {
        if (outcome.retryAfter().isPresent()) {
            Duration wait = outcome.retryAfter().get();
            return now.plus(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
        }
        // Rate limited without a Retry-After: back off to twice the interval rather than ask again as often.
        int seconds = outcome.status() == BaseStatus.RATE_LIMITED ? intervalSeconds * 2 : intervalSeconds;
        return after(now, seconds, jitter);
    }
}
