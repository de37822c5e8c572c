package dev.drydock.watch;

import dev.drydock.concurrent.Backoff;
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

    /**
     * After the {@code failures}-th failed check in a row. A transient failure (unreachable, rate limited) within
     * the retries is retried after 1 s, 2 s, 4 s …; an unreachable base whose retries are used up after the short
     * {@code unreachableBackoff}; anything else after its interval (a rate-limited base without a Retry-After after
     * twice its interval). Never sooner than the registry's Retry-After.
     */
    static Instant afterFailure(Instant now, CheckOutcome outcome, int failures, int intervalSeconds,
            WatchConfig.Retry retry, double jitter) {
        Duration floor = outcome.retryAfter().map(w -> w.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : w)
                .orElse(Duration.ZERO);
        Duration wait;
        if (retrying(outcome.status(), failures, retry)) {
            wait = new Backoff(retry.initialBackoff(), Duration.ofSeconds(intervalSeconds)).after(failures);
        } else if (outcome.status() == BaseStatus.UNREACHABLE) {
            Duration interval = Duration.ofSeconds(intervalSeconds);
            wait = retry.unreachableBackoff().compareTo(interval) < 0 ? retry.unreachableBackoff() : interval;
        } else if (outcome.retryAfter().isPresent()) {
            wait = floor;
        } else {
            int seconds = outcome.status() == BaseStatus.RATE_LIMITED ? intervalSeconds * 2 : intervalSeconds;
            return after(now, seconds, jitter);
        }
        return now.plus(wait.compareTo(floor) < 0 ? floor : wait);
    }

    /** Whether the {@code failures}-th failure in a row is retried soon rather than reported. */
    static boolean retrying(BaseStatus status, int failures, WatchConfig.Retry retry) {
        boolean transientFailure = status == BaseStatus.UNREACHABLE || status == BaseStatus.RATE_LIMITED;
        return transientFailure && failures <= retry.attempts();
    }
}
