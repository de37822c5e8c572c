package dev.drydock.watch;

import java.time.Duration;
import java.util.Optional;

/** What one check of a base found: the digest(s) it points at, or why it could not tell. */
public record CheckOutcome(BaseStatus status, String digest, String mediaType, String platformDigest, String error,
        Optional<Duration> retryAfter) {

    static CheckOutcome found(String digest, String mediaType, String platformDigest) {
        return new CheckOutcome(BaseStatus.OK, digest, mediaType, platformDigest, null, Optional.empty());
    }

    static CheckOutcome failed(BaseStatus status, String error, Optional<Duration> retryAfter) {
        return new CheckOutcome(status, null, null, null, error, retryAfter);
    }

    boolean ok() {
        return status == BaseStatus.OK;
    }
}
