package dev.drydock.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.drydock.outbox.Summarized;
import java.time.Instant;

/**
 * {@code runId} names the run that pushed the image, for changes detected by {@code push} (the cascade);
 * {@code upstream} the upstream change a cache re-sync copied, for changes detected by {@code cache}.
 *
 * <p>Data of a {@code dev.drydock.base.changed} event on {@code drydock.base-changes}. {@code digest} is the one
 * dependents should pin: the platform's manifest when the base has a platform, else what the tag points at.
 */
public record BaseChanged(
        String reference,
        String platform,
        String previousDigest,
        String digest,
        String mediaType,
        DetectedBy detectedBy,
        Instant detectedAt,
        Long runId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UpstreamChange upstream) implements Summarized {

    /** e.g. "base docker.io/library/eclipse-temurin:21-jre changed sha256:… → sha256:… (detected by poll)". */
    @Override
    public String summary() {
        return "base " + reference + (platform == null ? "" : " [" + platform + "]") + " changed "
                + (previousDigest == null ? "(none)" : previousDigest) + " → " + digest + " (detected by "
                + detectedBy.wire() + (runId == null ? "" : ", pushed by run " + runId)
                + (upstream == null ? "" : ", re-synced from " + upstream.reference()) + ")";
    }

    static BaseChanged of(TrackedBase base, String previousDigest, DetectedBy detectedBy, Instant at) {
        return new BaseChanged(base.reference, base.platform.isEmpty() ? null : base.platform, previousDigest,
                base.effectiveDigest(), base.mediaType, detectedBy, at, null, null);
    }
}
