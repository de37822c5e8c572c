package dev.drydock.dashboard.web;

import dev.drydock.task.run.Cause;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * A run's causes as sentences, following a cascade back to the change that started it: "eclipse-temurin:21-jre
 * changed sha256:ab12cd34… → sha256:cd34ef56… (poll), then app-base rebuilt and pushed sha256:9f00aa11…".
 */
final class CauseWords {

    /** How many upstream runs a sentence follows back at most. */
    static final int MAX_DEPTH = 5;

    private final LongFunction<Optional<List<Cause>>> upstreamCauses;

    /** @param upstreamCauses the causes of another run by id, empty when it no longer exists */
    CauseWords(LongFunction<Optional<List<Cause>>> upstreamCauses) {
        this.upstreamCauses = upstreamCauses;
    }

    List<String> describe(List<Cause> causes) {
        return causes.stream().map(c -> describe(c, 0, new HashSet<>())).toList();
    }

    private String describe(Cause cause, int depth, Set<Long> seen) {
        return switch (cause.kind() == null ? "" : cause.kind()) {
            case "base-change" -> baseChange(cause, depth, seen);
            case "manual" -> "started by hand";
            case "timer" -> "timer " + orUnknown(cause.timer()) + " fired";
            case "commit" -> commit(cause);
            default -> cause.kind() == null ? "unknown cause" : cause.kind();
        };
    }

    private String baseChange(Cause cause, int depth, Set<Long> seen) {
        if (cause.upstreamTask() == null && cause.upstreamRun() == null) {
            return change(cause);
        }
        String task = cause.upstreamTask() != null ? cause.upstreamTask() : "run #" + cause.upstreamRun();
        String rebuilt = task + " rebuilt and pushed " + Names.digest(cause.digest());
        if (cause.upstreamRun() != null && depth < MAX_DEPTH && seen.add(cause.upstreamRun())) {
            Optional<List<Cause>> before = upstreamCauses.apply(cause.upstreamRun());
            if (before.isPresent() && !before.get().isEmpty()) {
                return before.get().stream().map(c -> describe(c, depth + 1, seen)).collect(Collectors.joining(" and "))
                        + ", then " + rebuilt;
            }
        }
        return rebuilt + " as " + Names.image(cause.reference());
    }

    private static String change(Cause cause) {
        if (cause.upstream() != null) {
            return resync(cause);
        }
        String how = cause.detectedBy() == null ? "" : " (" + cause.detectedBy() + ")";
        if (cause.previousDigest() == null) {
            return Names.image(cause.reference()) + " now at " + Names.digest(cause.digest()) + how;
        }
        return Names.image(cause.reference()) + " changed " + Names.digest(cause.previousDigest()) + " → "
                + Names.digest(cause.digest()) + how;
    }

    /** "nginx:1.27 changed sha256:ab12… → sha256:cd34… upstream, then 127.0.0.1:5000/cache/nginx:1.27 re-synced". */
    private static String resync(Cause cause) {
        Cause.Upstream up = cause.upstream();
        String upstream = up.previousDigest() == null
                ? Names.image(up.reference()) + " now at " + Names.digest(up.digest()) + " upstream"
                : Names.image(up.reference()) + " changed " + Names.digest(up.previousDigest()) + " → "
                        + Names.digest(up.digest()) + " upstream";
        return upstream + ", then " + Names.image(cause.reference()) + " re-synced";
    }

    private static String commit(Cause cause) {
        StringBuilder s = new StringBuilder("commit ")
                .append(cause.commit() == null ? "?" : cause.commit().substring(0, Math.min(7, cause.commit().length())));
        if (cause.branch() != null) {
            s.append(" pushed to ").append(cause.branch());
        }
        if (cause.provider() != null) {
            s.append(" on ").append(cause.provider());
        }
        if (cause.pusher() != null) {
            s.append(" by ").append(cause.pusher());
        }
        return s.toString();
    }

    private static String orUnknown(String s) {
        return s == null ? "?" : s;
    }
}
