package dev.drydock.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * The registry answered 429 Too Many Requests and the retry policy chose not to wait (any more).
 * Temporary: the call may succeed after {@link #retryAfter()}.
 */
public class RegistryRateLimitedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;
    private final transient RateLimitStatus rateLimit;

    public RegistryRateLimitedException(String registry, String repository, Duration retryAfter,
            RateLimitStatus rateLimit) {
        super(registry, repository, "registry " + where(registry, repository) + " is rate limiting drydock"
                + (retryAfter != null ? "; retry after " + retryAfter.toSeconds() + "s" : "")
                + (rateLimit != null ? " (" + rateLimit + ")" : ""));
        this.retryAfter = retryAfter;
        this.rateLimit = rateLimit;
    }

    /** From the {@code Retry-After} header, when the registry sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The quota the registry reported with the 429, when it did. */
    public Optional<RateLimitStatus> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    @Override
    public boolean temporary() {
        return true;
    }
}
