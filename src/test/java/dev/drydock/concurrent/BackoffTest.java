package dev.drydock.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void shouldWaitInitialThenDoubleUpToMax() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldStayAtMaxForAnyNumberOfFailuresWithoutOverflowing() {
        assertThat(backoff.after(64)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(new Backoff(Duration.ofDays(3650), Duration.ofDays(36500)).after(40)).isEqualTo(Duration.ofDays(36500));
    }

    @Test
    void shouldTreatZeroOrNoFailuresAsTheFirst() {
        assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new Backoff(Duration.ZERO, Duration.ofSeconds(5)).after(3)).isZero();
    }

    @Test
    void shouldBeConstantWhenMaxIsBelowInitialAndRefuseANegativeStart() {
        assertThat(new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(1)).after(4)).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
