package dev.drydock.registry;

/** The state of one registry's circuit breaker. */
public enum CircuitState {
    /** Calls go through. */
    CLOSED,
    /** Too many failures in a row: calls fail fast with {@link RegistryCircuitOpenException}. */
    OPEN,
    /** The cool-down has passed: one trial call goes through, the rest still fail fast. */
    HALF_OPEN
}
