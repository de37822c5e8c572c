package dev.drydock.registry;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed fast without a request: the registry failed too often in a row, so its circuit is open
 * until {@link #retryAt()}. Other registries are not affected. Temporary.
 */
public class RegistryCircuitOpenException extends RegistryUnavailableException {

    private static final long serialVersionUID = 1L;

    private final transient Instant retryAt;

    public RegistryCircuitOpenException(String registry, String repository, Instant retryAt, Instant now) {
        super(registry, repository, 0, Duration.between(now, retryAt).isNegative() ? Duration.ZERO
                : Duration.between(now, retryAt),
                "registry " + registry + " failed repeatedly; calls to it are paused until " + retryAt, null);
        this.retryAt = retryAt;
    }

    /** When the circuit lets a trial request through again. */
    public Instant retryAt() {
        return retryAt;
    }
}
