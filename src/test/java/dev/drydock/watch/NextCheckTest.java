package dev.drydock.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a base whose check failed is checked next, by status, failures in a row and Retry-After. */
class NextCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final int INTERVAL = 3600;
    private static final WatchConfig.Retry RETRY = new WatchConfig.Retry() {
        @Override
        public int attempts() {
            return 4;
        }

        @Override
        public Duration initialBackoff() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration unreachableBackoff() {
            return Duration.ofSeconds(30);
        }
    };

    @ParameterizedTest(name = "{0} #{1}, Retry-After {2}s -> {3}s")
    @CsvSource({
            "UNREACHABLE, 1, -1, 1",
            "UNREACHABLE, 2, -1, 2",
            "UNREACHABLE, 3, -1, 4",
            "UNREACHABLE, 4, -1, 8",
            "UNREACHABLE, 5, -1, 30",
            "UNREACHABLE, 9, -1, 30",
            "UNREACHABLE, 2, 20, 20",
            "UNREACHABLE, 5, 45, 45",
            "RATE_LIMITED, 1, -1, 1",
            "RATE_LIMITED, 1, 4, 4",
            "RATE_LIMITED, 5, 4, 4",
            "NOT_FOUND, 1, -1, 3600",
            "UNAUTHORIZED, 1, -1, 3600",
    })
    void shouldWaitSecondsWhileRetryingAndLongerOnlyWhenTheFailureIsNotTransient(BaseStatus status, int failures,
            int retryAfterSeconds, int expectedSeconds) {
        CheckOutcome outcome = CheckOutcome.failed(status, "test",
                retryAfterSeconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(retryAfterSeconds)));

        Instant next = NextCheck.afterFailure(NOW, outcome, failures, INTERVAL, RETRY, 0);

        assertThat(Duration.between(NOW, next)).isEqualTo(Duration.ofSeconds(expectedSeconds));
    }

    @ParameterizedTest
    @CsvSource({"UNREACHABLE, 4, true", "UNREACHABLE, 5, false", "RATE_LIMITED, 4, true", "NOT_FOUND, 1, false"})
    void shouldRetryOnlyTransientFailuresAndOnlyAsOftenAsConfigured(BaseStatus status, int failures, boolean retrying) {
        assertThat(NextCheck.retrying(status, failures, RETRY)).isEqualTo(retrying);
    }

    @Test
    void shouldCheckAnUnreachableBaseWithinItsIntervalWhenThatIsShorterThanTheBackoff() {
        CheckOutcome outcome = CheckOutcome.failed(BaseStatus.UNREACHABLE, "test", Optional.empty());

        assertThat(Duration.between(NOW, NextCheck.afterFailure(NOW, outcome, 5, 20, RETRY, 0)))
                .isEqualTo(Duration.ofSeconds(20));
    }
}
