package dev.drydock.registry;

import java.util.Optional;

/**
 * Base of every error the registry client reports. It carries the registry and (when known) the
 * repository, and answers {@link #temporary()} so callers decide retries from types, never from
 * message text.
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String registry;
    private final String repository;

    public RegistryException(String registry, String repository, String message, Throwable cause) {
        super(message, cause);
        this.registry = registry;
        this.repository = repository;
    }

    public RegistryException(String registry, String repository, String message) {
        this(registry, repository, message, null);
    }

    /** The registry as written in image references, e.g. {@code docker.io} or {@code 127.0.0.1:5000}. */
    public String registry() {
        return registry;
    }

    /** The repository the call was about; empty for registry-wide failures (an open circuit, a token realm). */
    public Optional<String> repository() {
        return Optional.ofNullable(repository);
    }

    /** True when the same call may succeed later without anything being changed (rate limits, outages). */
    public boolean temporary() {
        return false;
    }

    /** "docker.io/library/nginx" or "docker.io", for messages. */
    protected static String where(String registry, String repository) {
        return repository == null ? registry : registry + "/" + repository;
    }
}
