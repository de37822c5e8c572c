package dev.drydock.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The registry could not be reached or answered with a server error (5xx), a timeout, or a refused
 * connection, and retries (if the policy allowed any) did not help. Temporary.
 */
public class RegistryUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Duration retryAfter;

    public RegistryUnavailableException(String registry, String repository, int status, Duration retryAfter,
            String message, Throwable cause) {
        super(registry, repository, message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status (e.g. 503); empty when no response came at all. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** From a {@code Retry-After} header on a 503, or when an open circuit lets calls through again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean temporary() {
        return true;
    }
}
