package dev.drydock.task.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One reason for a run. For an image update: the base change (reference, previous → new digest, how it was
 * detected) and, in a cascade, the run that pushed that base. For a follow-up: a run built a digest the watch had
 * moved past by the time it finished (reference, the digest built → the current one). For a commit: provider, branch, commit, delivery.
 * A base change the pull-through cache made (detectedBy cache) names the upstream change it copied.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cause(
        String kind,
        String reference,
        String previousDigest,
        String digest,
        String detectedBy,
        String eventId,
        Long upstreamRun,
        String upstreamTask,
        String timer,
        String provider,
        String branch,
        String commit,
        String delivery,
        String pusher,
        Upstream upstream,
        Instant at) {

    /** The upstream change a cache re-sync copied: {@code reference} moved {@code previousDigest} → {@code digest}. */
    public record Upstream(String reference, String previousDigest, String digest) {}

    /** The cause in a few words, for log lines. */
    public String inWords() {
        return switch (kind) {
            case "base-change" -> "base " + reference + " changed " + (previousDigest == null ? "(none)" : previousDigest)
                    + " → " + digest + " (" + detectedBy + (upstreamTask == null ? "" : ", pushed by " + upstreamTask
                    + " run " + upstreamRun) + (upstream == null ? "" : ", re-synced from " + upstream.reference()) + ")";
            case "commit" -> "commit " + commit + " on " + branch + " (" + provider + ")";
            case "timer" -> "timer " + timer;
            case "manual" -> "started by hand";
            default -> kind;
        };
    }

    public static Cause baseChange(String eventId, String reference, String previousDigest, String digest,
            String detectedBy, Long upstreamRun, String upstreamTask, Instant at) {
        return new Cause("base-change", reference, previousDigest, digest, detectedBy, eventId, upstreamRun, upstreamTask,
                null, null, null, null, null, null, null, at);
    }

    /** This cause, naming the upstream change a cache re-sync copied (null: none). */
    public Cause withUpstream(Upstream change) {
        return new Cause(kind, reference, previousDigest, digest, detectedBy, eventId, upstreamRun, upstreamTask, timer,
                provider, branch, commit, delivery, pusher, change, at);
    }

    /** A run succeeded with {@code pinned} for {@code reference}, but the watch had moved on to {@code current}. */
    public static Cause followUp(String reference, String pinned, String current, Instant at) {
        return new Cause("follow-up", reference, pinned, current, null, null, null, null, null, null, null, null, null,
                null, null, at);
    }

    public static Cause manual(Instant at) {
        return new Cause("manual", null, null, null, null, null, null, null, null, null, null, null, null, null, null, at);
    }

    public static Cause timer(String timer, Instant at) {
        return new Cause("timer", null, null, null, null, null, null, null, timer, null, null, null, null, null, null, at);
    }

    public static Cause commit(String provider, String branch, String commit, String delivery, String pusher, Instant at) {
        return new Cause("commit", null, null, null, null, null, null, null, null, provider, branch, commit, delivery,
                pusher, null, at);
    }
}
