package dev.drydock.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private Throttle throttle(double rate, int burst, int maxBuckets) {
        return new Throttle(new FrontConfig.Throttle() {
            @Override
            public double rate() {
                return rate;
            }

            @Override
            public int burst() {
                return burst;
            }
        }, maxBuckets, now::get);
    }

    @Test
    void shouldAllowTheBurstAtOnceThenRefuseWithTheSecondsUntilTheNextToken() {
        Throttle throttle = throttle(0.5, 3, 100);
        assertThat(throttle.take("10.0.0.1")).isZero();
        assertThat(throttle.take("10.0.0.1")).isZero();
        assertThat(throttle.take("10.0.0.1")).isZero();
        assertThat(throttle.take("10.0.0.1")).isEqualTo(2);
    }

    @Test
    void shouldRefillAtTheRate() {
        Throttle throttle = throttle(2, 1, 100);
        assertThat(throttle.take("a")).isZero();
        assertThat(throttle.take("a")).isEqualTo(1);
        now.addAndGet(500_000_000L);
        assertThat(throttle.take("a")).isZero();
        assertThat(throttle.take("a")).isEqualTo(1);
    }

    @Test
    void shouldNeverRefillBeyondTheBurst() {
        Throttle throttle = throttle(10, 2, 100);
        now.addAndGet(3_600_000_000_000L);
        assertThat(throttle.take("a")).isZero();
        assertThat(throttle.take("a")).isZero();
        assertThat(throttle.take("a")).isEqualTo(1);
    }

    @Test
    void shouldKeepOneBucketPerKey() {
        Throttle throttle = throttle(0.1, 1, 100);
        assertThat(throttle.take("a")).isZero();
        assertThat(throttle.take("a")).isPositive();
        assertThat(throttle.take("b")).isZero();
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedKeyBeyondTheBound() {
        Throttle throttle = throttle(0.1, 1, 2);
        throttle.take("a");
        throttle.take("b");
        throttle.take("a");
        throttle.take("c");
        assertThat(throttle.size()).isEqualTo(2);
        assertThat(throttle.take("a")).as("a was used recently and kept its empty bucket").isPositive();
        assertThat(throttle.take("b")).as("b was forgotten: a full bucket again").isZero();
    }

    @Test
    void shouldNotThrottleAtRateZero() {
        Throttle throttle = throttle(0, 0, 2);
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.take("a")).isZero();
        }
        assertThat(throttle.size()).isZero();
    }
}
