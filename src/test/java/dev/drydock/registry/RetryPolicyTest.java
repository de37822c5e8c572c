package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(60), 0.2);

    @Test
    void shouldBackOffExponentiallyUpToTheMaximum() {
        assertThat(policy.delayAfter(1, Optional.empty(), 0)).contains(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2, Optional.empty(), 0)).contains(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3, Optional.empty(), 0)).contains(Duration.ofSeconds(2));
        assertThat(new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(60), 0)
                .delayAfter(8, Optional.empty(), 0)).contains(Duration.ofSeconds(4));
    }

    @Test
    void shouldAddAtMostTheJitterFraction() {
        assertThat(policy.delayAfter(1, Optional.empty(), 0.999).orElseThrow())
                .isBetween(Duration.ofMillis(500), Duration.ofMillis(600));
    }

    @Test
    void shouldNeverWaitLessThanRetryAfter() {
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(7)), 0)).contains(Duration.ofSeconds(7));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(7)), 0.5).orElseThrow())
                .isBetween(Duration.ofSeconds(7), Duration.ofMillis(8400));
    }

    @Test
    void shouldGiveUpWhenAttemptsAreUsed() {
        assertThat(policy.delayAfter(4, Optional.empty(), 0)).isEmpty();
    }

    @Test
    void shouldNotWaitInlineForARetryAfterLongerThanMaxWait() {
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofMinutes(5)), 0)).isEmpty();
    }

    @Test
    void shouldNeverWaitWithTheNoWaitPolicy() {
        assertThat(RetryPolicy.noWait().delayAfter(1, Optional.of(Duration.ofSeconds(1)), 0)).isEmpty();
        assertThat(RetryPolicy.noWait().delayAfter(1, Optional.empty(), 0)).isEmpty();
    }
}
