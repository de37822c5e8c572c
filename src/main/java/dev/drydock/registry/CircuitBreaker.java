package dev.drydock.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One registry's circuit: after {@code failureThreshold} failures in a row (5xx, 429, network errors)
 * it opens and calls fail fast; after {@code coolDown} one trial call goes through (half-open); its
 * success closes the circuit, its failure opens it for another cool-down.
 */
final class CircuitBreaker {

    /** Failures in a row that open the circuit. */
    static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** How long an open circuit rejects calls before letting a trial through. */
    static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);

    private final int failureThreshold;
    private final Duration coolDown;
    private final Clock clock;

    private CircuitState state = CircuitState.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int failureThreshold, Duration coolDown, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Empty when the call may go ahead; else the instant at which calls are let through again. */
    synchronized Optional<Instant> tryAcquire() {
        Instant now = clock.instant();
        switch (state) {
            case CLOSED:
                return Optional.empty();
            case OPEN:
                Instant reopen = openedAt.plus(coolDown);
                if (now.isBefore(reopen)) {
                    return Optional.of(reopen);
                }
                state = CircuitState.HALF_OPEN;
                trialInFlight = true;
                return Optional.empty();
            default: // HALF_OPEN
                if (trialInFlight) {
                    return Optional.of(now.plus(coolDown));
                }
                trialInFlight = true;
                return Optional.empty();
        }
    }

    synchronized void onSuccess() {
        state = CircuitState.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    synchronized void onFailure() {
        consecutiveFailures++;
        if (state == CircuitState.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = CircuitState.OPEN;
            openedAt = clock.instant();
        }
        trialInFlight = false;
    }

    /** A permitted call ended with neither verdict (e.g. interrupted): let another trial through. */
    synchronized void release() {
        trialInFlight = false;
    }

    synchronized CircuitState state() {
        if (state == CircuitState.OPEN && !clock.instant().isBefore(openedAt.plus(coolDown))) {
            return CircuitState.HALF_OPEN;
        }
        return state;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }
}
