package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(circuit.tryAcquire()).isEmpty();
            circuit.onFailure();
        }
    }

    @Test
    void shouldStayClosedBelowTheThreshold() {
        fail(2);
        assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit.tryAcquire()).isEmpty();
    }

    @Test
    void shouldForgetFailuresAfterASuccess() {
        fail(2);
        circuit.onSuccess();
        fail(2);
        assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void shouldOpenAfterThresholdFailuresInARowAndRejectUntilTheCoolDownEnds() {
        fail(3);
        assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
        assertThat(circuit.tryAcquire()).contains(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(circuit.tryAcquire()).isPresent();
    }

    @Test
    void shouldLetOneTrialThroughWhenHalfOpen() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(circuit.tryAcquire()).as("the trial").isEmpty();
        assertThat(circuit.tryAcquire()).as("a second call while the trial runs").isPresent();
    }

    @Test
    void shouldCloseWhenTheTrialSucceeds() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.tryAcquire()).isEmpty();
        circuit.onSuccess();
        assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit.tryAcquire()).isEmpty();
        assertThat(circuit.tryAcquire()).isEmpty();
    }

    @Test
    void shouldReopenForAnotherCoolDownWhenTheTrialFails() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.tryAcquire()).isEmpty();
        circuit.onFailure();
        assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
        assertThat(circuit.tryAcquire()).contains(clock.instant().plusSeconds(30));
    }

    @Test
    void shouldLetAnotherTrialThroughWhenTheFirstEndedWithoutVerdict() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.tryAcquire()).isEmpty();
        circuit.release();
        assertThat(circuit.tryAcquire()).isEmpty();
    }
}
