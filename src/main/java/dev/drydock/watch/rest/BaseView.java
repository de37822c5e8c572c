package dev.drydock.watch.rest;

import dev.drydock.watch.BaseStatus;
import dev.drydock.watch.TrackedBase;
import java.time.Instant;

/** A tracked base as the API shows it. */
public record BaseView(
        long id,
        String reference,
        String platform,
        String digest,
        String platformDigest,
        String mediaType,
        BaseStatus status,
        String lastError,
        int intervalSeconds,
        String credentials,
        boolean trackedExplicitly,
        Instant createdAt,
        Instant lastCheckedAt,
        Instant lastChangedAt,
        Instant nextCheckAt) {

    static BaseView of(TrackedBase b) {
        return new BaseView(b.id, b.reference, b.platform.isEmpty() ? null : b.platform, b.digest, b.platformDigest,
                b.mediaType, b.baseStatus(), b.lastError, b.intervalSeconds, b.credentials, b.trackedExplicitly,
                b.createdAt, b.lastCheckedAt, b.lastChangedAt, b.nextCheckAt);
    }
}
